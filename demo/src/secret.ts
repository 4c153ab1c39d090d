// The Better Auth secret encrypts the JWKS private keys and signs session
// cookies, so it must outlive restarts for as long as the database does. When
// BETTER_AUTH_SECRET is unset we generate one once and keep it beside the
// database file; we never make a new one while that database exists.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './config.js';

export interface SecretResult {
  secret: string;
  /** Where it came from, for the start-up log. */
  source: 'env' | 'file' | 'generated' | 'ephemeral';
  path?: string;
}

export const secretPathFor = (databasePath: string) => `${databasePath}.secret`;

export function resolveSecret(
  databasePath: string,
  fromEnv: string | undefined,
  warn: (message: string) => void = console.warn,
): SecretResult {
  if (fromEnv) {
    if (fromEnv.length < 32)
      warn('BETTER_AUTH_SECRET is shorter than 32 characters; use a long random value.');
    return { secret: fromEnv, source: 'env' };
  }
  if (databasePath === ':memory:') {
    return { secret: randomBytes(32).toString('base64url'), source: 'ephemeral' };
  }
  const path = secretPathFor(databasePath);
  if (existsSync(path)) {
    const secret = readFileSync(path, 'utf8').trim();
    if (secret.length < 32)
      throw new ConfigError(`${path} holds no usable secret; restore it or set BETTER_AUTH_SECRET`);
    return { secret, source: 'file', path };
  }
  if (existsSync(databasePath)) {
    // A new secret could not decrypt the JWKS keys already in this database:
    // every /token and /get-session would fail with a 500. Refuse instead.
    throw new ConfigError(
      `${databasePath} exists but its secret file ${path} is missing. ` +
        'Set BETTER_AUTH_SECRET to the secret it was created with, or delete the database to start over.',
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `BETTER_AUTH_SECRET is not set: generated one and stored it in ${path}. ` +
      'Keep that file as long as the database lives; set BETTER_AUTH_SECRET in production.',
  );
  return { secret, source: 'generated', path };
}
