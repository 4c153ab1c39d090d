// JWKS download counts for the scenarios of token-anchors.md §4.2, against a
// loopback JWKS server, for createJwksVerifier with its defaults.
// Run: npx tsx packages/server/bench/jwks-fetches.ts
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwksVerifier } from '@chat-widget/server/auth';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

const origin = 'http://localhost:3000';
let keys: JWK[] = [];
let mode: 'ok' | '503' | 'stall' = 'ok';
let gets = 0;
const server = createServer((_req, res) => {
  gets++;
  if (mode === '503') return void res.writeHead(503).end();
  if (mode === 'stall') return void setTimeout(() => res.end(JSON.stringify({ keys })), 8000);
  res.end(JSON.stringify({ keys }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;

const makeKey = async (kid: string) => {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' } };
};
const sign = (key: { kid: string; privateKey: CryptoKey }, kid = key.kid) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject('u1')
    .setIssuer(origin)
    .setAudience(origin)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(key.privateKey);
const settle = async (promises: Promise<unknown>[]) => {
  const results = await Promise.allSettled(promises);
  return results.filter((r) => r.status === 'fulfilled').length;
};
const row = (name: string, value: string) => console.log(`${name.padEnd(62)} ${value}`);

const k1 = await makeKey('k1');
keys = [k1.jwk];
const token = await sign(k1);
let verifier = createJwksVerifier({ jwksUrl, issuer: origin, audience: origin });

gets = 0;
let ok = await settle(Array.from({ length: 200 }, () => verifier.verify(token)));
row('200 concurrent cold verifies → fetches (accepted)', `${gets} (${ok}/200)`);

gets = 0;
for (let i = 0; i < 2000; i++) await verifier.verify(token);
row('next 2 000 warm verifies → fetches', `${gets}`);

await new Promise((r) => setTimeout(r, 5100)); // one cooldown after the cold fetch
gets = 0;
const random = await Promise.all(Array.from({ length: 1000 }, (_, i) => sign(k1, `random-${i}`)));
let start = Date.now();
ok = await settle(random.map((t) => verifier.verify(t)));
row(
  '1 000 tokens with random kids (concurrent) → fetches (accepted)',
  `${gets} (${ok}/1000, ${Date.now() - start} ms)`,
);

const k2 = await makeKey('k2');
keys = [k1.jwk, k2.jwk]; // published right after the flood's fetch
gets = 0;
start = Date.now();
const rotated = await sign(k2);
ok = await settle(Array.from({ length: 1000 }, () => verifier.verify(rotated)));
row(
  'new key published right after a fetch, 1 000 concurrent → fetches',
  `${gets} (${ok}/1000 accepted, all within ${Date.now() - start} ms)`,
);

verifier = createJwksVerifier({ jwksUrl, issuer: origin, audience: origin, cacheMaxAge: 1000 });
await verifier.verify(token);
mode = '503';
await new Promise((r) => setTimeout(r, 5100)); // past cacheMaxAge and the 5 s cooldown
gets = 0;
ok = 0;
for (let i = 0; i < 200; i++)
  ok += await verifier.verify(token).then(
    () => 1,
    () => 0,
  );
row('endpoint 503 after cache expiry, 200 sequential → fetches / accepted', `${gets} / ${ok}`);
row(
  '  (stats after the outage run)',
  JSON.stringify({ ...verifier.stats(), fetchedAt: undefined }),
);

mode = 'stall';
verifier = createJwksVerifier({ jwksUrl, issuer: origin, audience: origin });
gets = 0;
start = Date.now();
const statuses = await Promise.allSettled(Array.from({ length: 50 }, () => verifier.verify(token)));
const failed = statuses
  .filter((s) => s.status === 'rejected')
  .map((s) => (s as PromiseRejectedResult).reason.status);
row(
  'endpoint stalls 8 s, 50 concurrent cold → fetches, outcome',
  `${gets}, ${failed.length} × ${failed[0]} at ${Date.now() - start} ms`,
);

server.closeAllConnections();
server.close();
