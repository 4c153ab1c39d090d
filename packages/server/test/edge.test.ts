// @chat-widget/server/edge must run where there is no Node: it is bundled here
// for the browser platform with no Node polyfills (esbuild fails on any
// `node:` import), and the bundle serves real requests in Bun's web-standard
// server (Bun.serve with a Fetch handler; the `bun` package from the npm
// registry ships the binary), verifying real Better Auth tokens against the
// JWKS fetched over loopback.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import { type BuildResult, build } from 'esbuild';
import { type AuthServer, startAuthServer } from '../../../test-support/better-auth.ts';
import { parseSse, userInput } from './helpers.ts';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Bundles a server entry the way a Workers/edge build would: browser platform, everything inlined. */
function bundle(entry: string): Promise<BuildResult<{ write: false; metafile: true }>> {
  return build({
    entryPoints: [join(src, entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Workspace packages from their sources, as the repo's other tests load them.
    tsconfig: join(repoRoot, 'tsconfig.json'),
  });
}

describe('edge entry: no Node built-ins', () => {
  test('bundles for the browser platform without polyfills; no node: import anywhere', async () => {
    const result = await bundle('edge.ts');
    const code = result.outputFiles[0]!.text;
    assert.doesNotMatch(code, /["'`]node:/);
    assert.doesNotMatch(code, /\brequire\(/);
    const inputs = Object.keys(result.metafile.inputs);
    for (const nodeOnly of ['node-adapter', 'sqlite-store', 'postgres-store', 'fastify']) {
      assert.ok(!inputs.some((file) => file.includes(nodeOnly)), `${nodeOnly} is in the bundle`);
    }
    assert.ok(inputs.some((file) => file.includes('fetch-handler')));
    assert.ok(inputs.some((file) => file.includes('jose')));
  });

  test('the same check rejects an entry that reaches node: (the full chatkit entry)', async () => {
    await assert.rejects(
      bundle('chatkit/index.ts'),
      (error: Error & { errors?: { text: string }[] }) => {
        assert.match(error.errors?.map((e) => e.text).join('\n') ?? '', /Could not resolve "node:/);
        return true;
      },
    );
  });
});

/** Bun's binary from the `bun` npm package (its postinstall moves it into bun/bin). */
function findBun(): string | undefined {
  const candidates = [
    join(repoRoot, 'node_modules/bun/bin/bun.exe'),
    join(repoRoot, `node_modules/@oven/bun-${process.platform}-${process.arch}/bin/bun`),
  ];
  return candidates.find((bin) => spawnSync(bin, ['--version']).status === 0);
}

const WORKER = `// A web-standard server: Bun.serve with the edge entry's Fetch handler.
import {
  createChatKitFetchHandler,
  createJwksVerifier,
  createMemoryStore,
  demoResponder,
  withAuth,
} from './edge.js';

const origin = process.env.AUTH_ORIGIN;
const verifier = createJwksVerifier({
  jwksUrl: origin + '/api/auth/jwks',
  issuer: origin,
  audience: origin,
  realm: 'edge',
});
const chatkit = createChatKitFetchHandler({
  store: createMemoryStore(),
  respond: demoResponder({ delayMs: 0 }),
});
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: withAuth(verifier, (request, auth) =>
    chatkit.fetch(request, { userId: auth.sub, claims: auth.claims }),
  ),
});
console.log('listening ' + server.url.origin);
`;

describe('edge entry in Bun (a web-standard runtime from the npm registry)', () => {
  const bun = findBun();
  let auth: AuthServer;
  let dir: string;
  let child: ChildProcess;
  let url: string;

  before(async () => {
    if (!bun) return;
    auth = await startAuthServer();
    dir = mkdtempSync(join(tmpdir(), 'chat-widget-edge-'));
    const result = await bundle('edge.ts');
    writeFileSync(join(dir, 'edge.js'), result.outputFiles[0]!.text);
    writeFileSync(join(dir, 'worker.js'), WORKER);
    child = spawn(bun, ['run', 'worker.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH, AUTH_ORIGIN: auth.origin, DO_NOT_TRACK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /listening (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`bun exited (${code}):\n${output}`)));
    });
    url = `${origin}/api/chatkit`;
  });

  after(async () => {
    if (!bun) return;
    if (child && child.exitCode === null) {
      child.kill();
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
    await auth.close();
  });

  const post = (token: string | undefined, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  test('a verified request streams a ChatKit turn; the thread is listed after', {
    skip: bun ? false : `no Bun binary for ${process.platform}-${process.arch} in node_modules`,
  }, async () => {
    const user = await auth.signUp();
    const token = await auth.token(user);
    const response = await post(token, {
      type: 'threads.create',
      params: { input: userInput('hello from the edge') },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const events = parseSse(await response.text());
    assert.equal(events[0]!.type, 'thread.created');
    assert.equal(events.at(-1)!.type, 'thread.updated');
    const said = events.filter(
      (event): event is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> =>
        event.type === 'thread.item.done' && event.item.type === 'assistant_message',
    );
    assert.equal(said.length, 1);
    assert.match(JSON.stringify(said[0]!.item), /hello from the edge/);

    const list = await post(token, { type: 'threads.list', params: {} });
    assert.equal(list.status, 200);
    const threads = (await list.json()) as { data: { id: string }[] };
    assert.deepEqual(
      threads.data.map((thread) => thread.id),
      [(events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id],
    );
  });

  test('a missing or forged token gets 401 with the Bearer challenge', {
    skip: bun ? false : `no Bun binary for ${process.platform}-${process.arch} in node_modules`,
  }, async () => {
    const missing = await post(undefined, { type: 'threads.list', params: {} });
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="edge"');

    const user = await auth.signUp();
    const [header, payload, signature] = (await auth.token(user)).split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    claims.sub = 'someone-else';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const response = await post(forged, { type: 'threads.list', params: {} });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'ERR_TOKEN_SIGNATURE_INVALID',
    );
  });
});
