// Per-verify cost of createJwksVerifier (warm remote JWKS) vs bare jose.jwtVerify
// with the key already imported, and vs jose's createRemoteJWKSet.
// Run: npx tsx packages/server/bench/verify-cost.ts [iterations=2000] [rounds=30]
// Methods run interleaved in short rounds (order rotated each round) so host
// noise hits all of them alike; we report the median and the best round.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwksVerifier } from '@chat-widget/server/auth';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

const iterations = Number(process.argv[2] ?? 2_000);
const rounds = Number(process.argv[3] ?? 30);
const origin = 'http://localhost:3000';

for (const alg of ['EdDSA', 'ES256', 'RS256']) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg };
  const server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  // A Better Auth-shaped payload (the default is the whole user object).
  const token = await new SignJWT({
    name: 'Ada',
    email: 'ada@example.test',
    emailVerified: false,
    image: null,
    createdAt: '2026-11-25T12:00:00.000Z',
    updatedAt: '2026-11-25T12:00:00.000Z',
    id: 'u1',
  })
    .setProtectedHeader({ alg, kid: 'k1' })
    .setSubject('u1')
    .setIssuer(origin)
    .setAudience(origin)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);

  const options = {
    issuer: origin,
    audience: origin,
    algorithms: [alg],
    clockTolerance: 5,
    requiredClaims: ['exp', 'sub'],
  };
  const verifier = createJwksVerifier({ jwksUrl, issuer: origin, audience: origin });
  const remote = createRemoteJWKSet(new URL(jwksUrl));
  const methods: Record<string, () => Promise<unknown>> = {
    'bare jose (imported key)': () => jwtVerify(token, publicKey, options),
    createJwksVerifier: () => verifier.verify(token),
    'jose createRemoteJWKSet': () => jwtVerify(token, remote, options),
  };
  for (const run of Object.values(methods)) for (let i = 0; i < 500; i++) await run(); // warm up
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(methods).map((m) => [m, []]),
  );
  for (let round = 0; round < rounds; round++) {
    const entries = Object.entries(methods);
    const rotated = [
      ...entries.slice(round % entries.length),
      ...entries.slice(0, round % entries.length),
    ];
    for (const [name, run] of rotated) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await run();
      samples[name]!.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(samples['bare jose (imported key)']!);
  const baseMin = Math.min(...samples['bare jose (imported key)']!);
  console.log(`\n${alg}: ${iterations} sequential verifies × ${rounds} rounds (median µs/verify)`);
  const pct = (a: number, b: number) => `${((a / b - 1) * 100).toFixed(1).padStart(6)} %`;
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    const best = Math.min(...xs);
    console.log(
      `  ${name.padEnd(26)} median ${m.toFixed(1).padStart(6)} µs ${pct(m, base)}   best round ${best.toFixed(1).padStart(6)} µs ${pct(best, baseMin)}`,
    );
  }
  console.log(`  JWKS downloads by createJwksVerifier: ${verifier.stats().fetches}`);
  server.close();
}
