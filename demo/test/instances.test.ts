// Two demo processes started at the same moment on one PostgreSQL database,
// sharing BETTER_AUTH_SECRET and BETTER_AUTH_URL (as behind one proxy). They
// must not race on Better Auth's migrations, the thread store's migrations or
// the first signing key; a token from either verifies with the other's JWKS,
// and a thread created through one is listed through the other.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import { type PostgresCluster, startPostgres } from '../../test-support/postgres.ts';
import { startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

const serverScript = fileURLToPath(new URL('../server.ts', import.meta.url));
const PUBLIC_ORIGIN = 'http://localhost:8999'; // the proxy's origin; nothing needs to listen there

interface Instance {
  origin: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts `node demo/server.ts` and resolves with its own origin once it is serving. */
function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /this instance\s+(http:\/\/localhost:\d+)\//.exec(output);
      if (match) resolve({ origin: match[1]!, child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`demo exited ${code} before serving:\n${output}`)));
  });
}

async function stopInstance({ child }: Instance) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

let cluster: PostgresCluster;
let databaseUrl: string;
const instances: Instance[] = [];
before(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase();
});
after(async () => {
  await Promise.all(instances.map(stopInstance));
  await cluster?.stop();
});

const readSse = async (res: Response) => {
  const text = await res.text();
  // Resumable replies put an `id: <turn>:<seq>` line before each `data:` line.
  return text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line) => line !== undefined)
    .map((line) => JSON.parse(line.slice(6)) as { type: string; thread?: { id: string } });
};

// Two fresh Node processes with tsx each: generous limits for a loaded CI machine.
test('two instances started at once share migrations, one signing key, users and threads', {
  timeout: 240_000,
}, async () => {
  const env = {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: 'shared-secret-for-the-two-instance-test-0123456789',
    BETTER_AUTH_URL: PUBLIC_ORIGIN,
    DEMO_RESPONDER_DELAY_MS: '0',
  };
  const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  instances.push(a!, b!);

  // Exactly one signing key in the shared database: nobody minted a second one.
  const pool = new pg.Pool({ connectionString: databaseUrl });
  try {
    const keys = await pool.query('SELECT id FROM jwks');
    assert.equal(keys.rowCount, 1);
  } finally {
    await pool.end();
  }

  // A user signs up through A; the session works on B (same database).
  const signUp = await fetch(`${a!.origin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_ORIGIN },
    body: JSON.stringify({
      email: 'pat@example.com',
      password: 'correct-horse-battery',
      name: 'Pat',
    }),
  });
  assert.equal(signUp.status, 200, await signUp.clone().text());
  const sessionToken = signUp.headers.get('set-auth-token')!;
  const tokenFrom = async (instance: Instance) => {
    const res = await fetch(`${instance.origin}/api/auth/token`, {
      headers: { authorization: `Bearer ${sessionToken}` },
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { token: string }).token;
  };
  const tokenA = await tokenFrom(a!);
  const tokenB = await tokenFrom(b!);

  // Each token verifies against the other instance's JWKS, with the shared iss/aud.
  const jwksOf = async (instance: Instance) =>
    createLocalJWKSet(await (await fetch(`${instance.origin}/api/auth/jwks`)).json());
  const options = { issuer: PUBLIC_ORIGIN, audience: PUBLIC_ORIGIN };
  const fromA = await jwtVerify(tokenA, await jwksOf(b!), options);
  const fromB = await jwtVerify(tokenB, await jwksOf(a!), options);
  assert.equal(fromA.payload.sub, fromB.payload.sub);
  assert.equal(decodeProtectedHeader(tokenA).kid, decodeProtectedHeader(tokenB).kid);

  // A thread created through A is listed (and readable) through B.
  const chatkit = (instance: Instance, token: string, body: unknown) =>
    fetch(`${instance.origin}/api/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const created = await readSse(
    await chatkit(a!, tokenA, {
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'hello from A' }],
          attachments: [],
          quoted_text: '',
          inference_options: {},
        },
      },
    }),
  );
  const threadId = created.find((event) => event.type === 'thread.created')?.thread?.id;
  assert.ok(threadId, JSON.stringify(created));
  const listed = await chatkit(b!, tokenB, {
    type: 'threads.list',
    params: { limit: 10, order: 'desc' },
  });
  assert.equal(listed.status, 200);
  const page = (await listed.json()) as { data: { id: string }[] };
  assert.deepEqual(
    page.data.map((thread) => thread.id),
    [threadId],
  );
  const loaded = await chatkit(b!, tokenB, {
    type: 'threads.get_by_id',
    params: { thread_id: threadId },
  });
  const thread = (await loaded.json()) as { items: { data: { type: string }[] } };
  assert.deepEqual(
    thread.items.data.map((item) => item.type),
    ['user_message', 'assistant_message'],
  );
});

test('start-up is serialised: many instances at once, one migration, one signing key', {
  timeout: 120_000,
}, async () => {
  // In one process the starts interleave tightly, which makes the race certain
  // without the start-up lock (two CREATE TABLEs, or two first keys).
  const url = await cluster.createDatabase();
  const config = readConfig({
    PORT: '0',
    DATABASE_URL: url,
    BETTER_AUTH_SECRET: 'shared-secret-for-the-two-instance-test-0123456789',
    BETTER_AUTH_URL: PUBLIC_ORIGIN,
  });
  const quiet = { info: () => {}, warn: () => {} };
  const demos = await Promise.all(Array.from({ length: 4 }, () => startDemo(config, quiet)));
  try {
    const pool = new pg.Pool({ connectionString: url });
    try {
      assert.equal((await pool.query('SELECT id FROM jwks')).rowCount, 1);
    } finally {
      await pool.end();
    }
    const kids = await Promise.all(
      demos.map(async (demo) => {
        const jwks = (await (await fetch(`${demo.mainOrigin}/api/auth/jwks`)).json()) as {
          keys: { kid: string }[];
        };
        return jwks.keys.map((key) => key.kid);
      }),
    );
    assert.equal(new Set(kids.flat()).size, 1);
  } finally {
    await Promise.all(demos.map((demo) => demo.close()));
  }
});
