// 6. Server: createJwksVerifier vs raw jose.jwtVerify with the key in hand
// (EdDSA, ES256, RS256; keys served from a local JWKS endpoint) and JWKS downloads
// for 1,000 concurrent tokens with a new kid. The ChatKit handler under load is
// its own suite (chatkit-load.ts).
import { performance } from 'node:perf_hooks';
import { createJwksVerifier } from '@chat-widget/server/auth';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey as JoseKey,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { sendJson, startServer } from '../lib/http.ts';
import { type Summary, summarize } from '../lib/stats.ts';

const ISSUER = 'http://bench.test';
const AUDIENCE = 'http://bench.test';
const ALGS = ['EdDSA', 'ES256', 'RS256'] as const;

export interface VerifyRow {
  alg: string;
  /** Verifications per second, one per round. */
  ours: Summary;
  raw: Summary;
  /** Per adjacent block pair: ours rate / raw rate. */
  ratios: Summary;
  /** Median of the per-pair ratios. */
  ratio: number;
}

export interface ServerResults {
  verify: { blocks: number; perBlock: number; rows: VerifyRow[]; goal: string };
  newKid: {
    concurrent: number;
    ours: { fetches: number; accepted: number; ms: number };
    joseRemote: { fetches: number; accepted: number; ms: number };
    goal: 1;
  };
}

interface KeySet {
  alg: string;
  kid: string;
  privateKey: JoseKey;
  jwk: JWK;
}

async function makeKey(alg: string, kid: string): Promise<KeySet> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, jwk };
}

const sign = (key: KeySet, n: number) =>
  new SignJWT({ n })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(`user-${n}`)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);

/** Time for `count` sequential verifications (the cost of one verify, not of the event loop). */
async function block(verify: (token: string) => Promise<unknown>, tokens: string[], count: number) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await verify(tokens[i % tokens.length]!);
  return performance.now() - start;
}

/**
 * Alternating blocks of `perBlock` verifications, ours then raw then raw then
 * ours…: each adjacent pair saw nearly the same machine load, so the per-pair
 * ratio cancels most of the noise of a shared CPU.
 */
async function verifyThroughput(
  blocks: number,
  perBlock: number,
): Promise<ServerResults['verify']> {
  const keys = await Promise.all(ALGS.map((alg) => makeKey(alg, `k-${alg}`)));
  const jwks = await startServer((_req, res, url) => {
    if (url.pathname !== '/jwks') return false;
    sendJson(res, { keys: keys.map((k) => k.jwk) });
    return true;
  });
  try {
    const verifier = createJwksVerifier({
      jwksUrl: `${jwks.origin}/jwks`,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const rows: VerifyRow[] = [];
    for (const key of keys) {
      const tokens = await Promise.all(Array.from({ length: 64 }, (_, i) => sign(key, i)));
      // The key in hand, imported from the same JWK the verifier downloads.
      const inHand = await importJWK(key.jwk, key.alg);
      const ours = (t: string) => verifier.verify(t);
      const raw = (t: string) =>
        jwtVerify(t, inHand, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [key.alg],
          requiredClaims: ['exp', 'sub'],
        });
      await block(ours, tokens, perBlock); // warm: JWKS download, key import, JIT
      await block(raw, tokens, perBlock);
      const oursRates: number[] = [];
      const rawRates: number[] = [];
      const ratios: number[] = [];
      for (let b = 0; b < blocks; b++) {
        let a: number;
        let r: number;
        if (b % 2 === 0) {
          a = await block(ours, tokens, perBlock);
          r = await block(raw, tokens, perBlock);
        } else {
          r = await block(raw, tokens, perBlock);
          a = await block(ours, tokens, perBlock);
        }
        oursRates.push((perBlock / a) * 1000);
        rawRates.push((perBlock / r) * 1000);
        ratios.push(r / a);
      }
      rows.push({
        alg: key.alg,
        ours: summarize(oursRates),
        raw: summarize(rawRates),
        ratios: summarize(ratios),
        ratio: summarize(ratios).median,
      });
    }
    return { blocks, perBlock, rows, goal: 'ours ≥ 0.9 × raw jose' };
  } finally {
    await jwks.close();
  }
}

async function newKidStorm(concurrent: number): Promise<ServerResults['newKid']> {
  const first = await makeKey('EdDSA', 'k-old');
  const second = await makeKey('EdDSA', 'k-new');
  const published = [first.jwk];
  let fetches = 0;
  const jwks = await startServer((_req, res, url) => {
    if (url.pathname !== '/jwks') return false;
    fetches++;
    sendJson(res, { keys: published });
    return true;
  });
  try {
    const oldToken = await sign(first, 0);
    const newTokens = await Promise.all(
      Array.from({ length: concurrent }, (_, i) => sign(second, i)),
    );
    const verifier = createJwksVerifier({
      jwksUrl: `${jwks.origin}/jwks`,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const remote = createRemoteJWKSet(new URL(`${jwks.origin}/jwks`));
    const joseVerify = (t: string) =>
      jwtVerify(t, remote, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['EdDSA'] });
    await verifier.verify(oldToken); // warm: 1 download
    await joseVerify(oldToken); // warm: 1 download
    published.push(second.jwk); // rotation: a new kid appears
    const storm = async (verify: (t: string) => Promise<unknown>) => {
      const before = fetches;
      const t0 = performance.now();
      const settled = await Promise.allSettled(newTokens.map((t) => verify(t)));
      return {
        fetches: fetches - before,
        accepted: settled.filter((s) => s.status === 'fulfilled').length,
        ms: performance.now() - t0,
      };
    };
    const ours = await storm((t) => verifier.verify(t));
    const joseRemote = await storm(joseVerify);
    return { concurrent, ours, joseRemote, goal: 1 };
  } finally {
    await jwks.close();
  }
}

export async function runServer(quick: boolean): Promise<ServerResults> {
  const verify = await verifyThroughput(quick ? 10 : 40, 100);
  const newKid = await newKidStorm(1000);
  return { verify, newKid };
}
