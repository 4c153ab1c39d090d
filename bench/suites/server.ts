// 6. Server: createJwksVerifier vs raw jose.jwtVerify with the key in hand
// (EdDSA, ES256, RS256; keys served from a local JWKS endpoint), JWKS downloads
// for 1,000 concurrent tokens with a new kid, and the ChatKit handler under
// 200 concurrent streaming conversations (server in a child process).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
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
import { sendJson, sleep, startServer } from '../lib/http.ts';
import { benchDir, rootDir } from '../lib/peers.ts';
import { percentile, type Summary, summarize } from '../lib/stats.ts';

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
  chatkit: ChatkitLoad[];
}

export interface ChatkitLoad {
  /** How the responder produces its deltas: all at once, or one per event-loop turn. */
  responder: 'none' | 'macrotask';
  conversations: number;
  deltas: number;
  runs: number;
  ttfeP50: Summary;
  ttfeP99: Summary;
  /** Server-side time to first event (request event → first body write), p99 per run. */
  serverTtfeP99?: Summary;
  totalMs: Summary;
  peakRssMB: Summary;
  baselineRssMB: Summary;
  complete: number;
  expected: number;
  error?: string;
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

async function startChatkitServer(
  deltas: number,
  responder: ChatkitLoad['responder'],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(benchDir, 'servers/chatkit-load-server.ts')],
    {
      cwd: rootDir,
      env: { ...process.env, BENCH_DELTAS: String(deltas), BENCH_RESPONDER_YIELD: responder },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    sleep(30_000).then(() => {
      throw new Error('ChatKit load server did not start in 30 s');
    }),
  ])) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

interface StreamSample {
  ttfe: number;
  total: number;
  deltas: number;
  ok: boolean;
}

function conversation(port: number, agent: Agent, user: string, t0: number): Promise<StreamSample> {
  const body = JSON.stringify({
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: 'Go' }],
        attachments: [],
        inference_options: {},
      },
    },
  });
  return new Promise((resolve) => {
    let ttfe = Number.NaN;
    let text = '';
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/chatkit',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-user': user,
        },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (Number.isNaN(ttfe) && chunk.includes('data:')) ttfe = performance.now() - t0;
          text += chunk;
        });
        res.on('end', () => {
          const deltas = text.split('"assistant_message.content_part.text_delta"').length - 1;
          resolve({ ttfe, total: performance.now() - t0, deltas, ok: res.statusCode === 200 });
        });
        res.on('error', () =>
          resolve({ ttfe, total: performance.now() - t0, deltas: 0, ok: false }),
        );
      },
    );
    req.on('error', () => resolve({ ttfe, total: performance.now() - t0, deltas: 0, ok: false }));
    req.end(body);
  });
}

export async function chatkitLoad(
  responder: ChatkitLoad['responder'],
  conversations: number,
  deltas: number,
  runs: number,
): Promise<ChatkitLoad> {
  const p50: number[] = [];
  const p99: number[] = [];
  const serverP99: number[] = [];
  const totals: number[] = [];
  const peaks: number[] = [];
  const baselines: number[] = [];
  let complete = 0;
  for (let run = 0; run < runs; run++) {
    const { child, port } = await startChatkitServer(deltas, responder);
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    try {
      // Warm-up: one conversation (JIT, first allocation of the store).
      await conversation(port, agent, 'warm', performance.now());
      const t0 = performance.now();
      const samples = await Promise.all(
        Array.from({ length: conversations }, (_, i) =>
          conversation(port, agent, `user-${i % 20}`, t0),
        ),
      );
      totals.push(performance.now() - t0);
      const ttfes = samples.map((s) => s.ttfe);
      p50.push(percentile(ttfes, 0.5));
      p99.push(percentile(ttfes, 0.99));
      complete += samples.filter((s) => s.ok && s.deltas === deltas).length;
      const stats = await new Promise<{
        baselineRss: number;
        peakRss: number;
        firstWrites?: number[];
      }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/__stats', agent }, (res) => {
          let s = '';
          res.on('data', (c) => {
            s += c;
          });
          res.on('end', () => resolve(JSON.parse(s)));
        })
          .on('error', reject)
          .end();
      });
      // The first entry is the warm-up conversation's.
      if (stats.firstWrites) serverP99.push(percentile(stats.firstWrites.slice(1), 0.99));
      peaks.push(stats.peakRss / 2 ** 20);
      baselines.push(stats.baselineRss / 2 ** 20);
    } finally {
      agent.destroy();
      child.kill('SIGTERM');
      await once(child, 'exit').catch(() => {});
    }
  }
  return {
    responder,
    conversations,
    deltas,
    runs,
    ttfeP50: summarize(p50),
    ...(serverP99.length ? { serverTtfeP99: summarize(serverP99) } : {}),
    ttfeP99: summarize(p99),
    totalMs: summarize(totals),
    peakRssMB: summarize(peaks),
    baselineRssMB: summarize(baselines),
    complete,
    expected: conversations * runs,
  };
}

export async function runServer(quick: boolean): Promise<ServerResults> {
  const verify = await verifyThroughput(quick ? 10 : 40, 100);
  const newKid = await newKidStorm(1000);
  const chatkit: ChatkitLoad[] = [];
  for (const responder of ['none', 'macrotask'] as const) {
    try {
      chatkit.push(await chatkitLoad(responder, 200, 500, quick ? 1 : 3));
    } catch (error) {
      const nan = summarize([]);
      chatkit.push({
        responder,
        conversations: 200,
        deltas: 500,
        runs: 0,
        ttfeP50: nan,
        ttfeP99: nan,
        totalMs: nan,
        peakRssMB: nan,
        baselineRssMB: nan,
        complete: 0,
        expected: 0,
        error: (error as Error).message,
      });
    }
  }
  return { verify, newKid, chatkit };
}
