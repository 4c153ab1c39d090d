// Start-up check: the JWT signing keys in the database are encrypted with
// BETTER_AUTH_SECRET. Started with another secret, Better Auth would run and
// then answer every /api/auth/token with a 500 ("Failed to decrypt private
// key"). We try to decrypt every stored key first and refuse to start, saying
// what happened and how to recover, unless a rotation was asked for.
import { symmetricDecrypt } from 'better-auth/crypto';
import type { DemoAuth } from './auth.js';
import { ConfigError } from './config.js';

interface StoredKey {
  id: string;
  privateKey: string;
}

export interface SigningKeyCheck {
  /** ROTATE_SIGNING_KEYS: delete keys the secret cannot open (a new one is minted). */
  rotate: boolean;
  warn: (message: string) => void;
}

/** Resolves when every stored signing key opens with the current secret (or was rotated away). */
export async function checkSigningKeys(auth: DemoAuth, { rotate, warn }: SigningKeyCheck) {
  const context = await auth.$context;
  const keys = (await context.adapter.findMany({ model: 'jwks' })) as StoredKey[];
  const unreadable: string[] = [];
  for (const key of keys) {
    try {
      await symmetricDecrypt({ key: context.secretConfig, data: JSON.parse(key.privateKey) });
    } catch {
      unreadable.push(key.id);
    }
  }
  if (unreadable.length === 0) return;
  if (!rotate) {
    throw new ConfigError(
      `BETTER_AUTH_SECRET has changed: ${unreadable.length} of the ${keys.length} JWT signing ` +
        'key(s) stored in this database cannot be decrypted with the current secret, so no ' +
        'token could be issued. To recover, start again with the secret this database was ' +
        'created with (BETTER_AUTH_SECRET, or the .secret file beside a SQLite database). ' +
        'To rotate on purpose, start once with ROTATE_SIGNING_KEYS=1: the old keys are deleted ' +
        'and a new one is made; tokens signed with the old keys stop verifying and every user ' +
        'signs in again (sessions made with the old secret end too).',
    );
  }
  await context.adapter.deleteMany({
    model: 'jwks',
    where: [{ field: 'id', operator: 'in', value: unreadable }],
  });
  await auth.api.getJwks(); // mints the new key now, not on the first token request
  warn(
    `ROTATE_SIGNING_KEYS: deleted ${unreadable.length} signing key(s) the current secret cannot ` +
      'decrypt and made a new one; tokens signed with the old keys no longer verify.',
  );
}
