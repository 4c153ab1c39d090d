// Resumable replies across instances on one real PostgreSQL database: each
// instance has its own pool, store, turn log (LISTEN connection) and verifier,
// as separate processes would; one test runs an instance in a child process
// and kills it with SIGKILL mid-reply.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import {
  createPostgresStore,
  createPostgresTurnLog,
  type TurnLog,
} from '@chat-widget/server/chatkit';
import pg from 'pg';
import { type PostgresCluster, startPostgres } from '../../../test-support/postgres.js';
import { type JwksServer, makeKey, sign, startJwksServer, userInput } from './helpers.ts';
import {
  deltaText,
  instance,
  parseFrames,
  readFrames,
  threadIdOf,
  waitFor,
  wordsResponder,
} from './resume-helpers.ts';

let cluster: PostgresCluster;
let jwks: JwksServer;
let alice = '';
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  cluster = await startPostgres();
  const key = await makeKey('k1');
  jwks = await startJwksServer([key.publicJwk]);
  alice = await sign(key, { sub: 'alice' });
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await jwks.close();
  await cluster.stop();
});

/** One instance on `url`: its own pool, store and turn log. */
async function pgInstance(
  url: string,
  options: Parameters<typeof instance>[3],
  logOptions: { leaseMs?: number; retainMs?: number } = {},
) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const store = await createPostgresStore(pool);
  const log: TurnLog = await createPostgresTurnLog(pool, { onError: () => {}, ...logOptions });
  const server = instance(jwks.url, store, log, options);
  const close = async () => {
    await server.handler.close();
    await log.close();
    await pool.end();
  };
  cleanups.push(close);
  return { ...server, pool, store, log };
}

describe('resumable replies on PostgreSQL, several instances', () => {
  test('a reader on instance B follows a turn running on instance A, from the id it saw', async () => {
    const url = await cluster.createDatabase();
    const words = wordsResponder(60, 5);
    const a = await pgInstance(url, { respond: words.respond });
    const b = await pgInstance(url, { respond: wordsResponder(1).respond });
    const first = await readFrames(await a.create(alice, 'hi'), (f) => f.length >= 6);
    const threadId = threadIdOf(first);
    // B sees the running turn and picks it up where the client left off.
    const onB = await b.getThread(alice, threadId);
    assert.equal(onB.active_turn?.id, first[0]!.id!.split(':')[0]);
    const rest = await readFrames(await b.resume(alice, threadId, first.at(-1)!.id));
    assert.deepEqual(
      rest.map((f) => f.seq),
      rest.map((_, i) => first.at(-1)!.seq + 1 + i),
    );
    const full = Array.from({ length: 60 }, (_, i) => `w${i} `).join('');
    assert.equal(deltaText([...first, ...rest]), full);
    assert.equal(words.seen.finished, 1);
    const stored = (await b.getThread(alice, threadId)).items.data.filter(
      (item) => item.type === 'assistant_message',
    );
    assert.equal(stored[0]?.content?.[0]?.text, full);
    // A whole replay from B, after the end, is the same turn.
    const replay = await readFrames(await b.resume(alice, threadId));
    assert.deepEqual(
      replay.map((f) => f.id),
      [...first, ...rest].map((f) => f.id),
    );
  });

  test('threads.stop on instance B stops the turn running on instance A', async () => {
    const url = await cluster.createDatabase();
    const words = wordsResponder(100_000, 5);
    const a = await pgInstance(url, { respond: words.respond });
    const b = await pgInstance(url, { respond: wordsResponder(1).respond });
    const response = await a.create(alice, 'hi');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('text_delta')) text += decoder.decode((await reader.read()).value);
    const threadId = threadIdOf(parseFrames(text.slice(0, text.lastIndexOf('\n\n') + 2)));
    const stopped = await b.post(alice, { type: 'threads.stop', params: { thread_id: threadId } });
    assert.equal(stopped.status, 200);
    await waitFor(() => words.seen.aborted === 1);
    for (;;) {
      const { done, value } = await reader.read(); // the stream on A ends
      if (done) break;
      text += decoder.decode(value);
    }
    assert.equal(words.seen.finished, 0);
    await waitFor(async () => (await b.getThread(alice, threadId)).active_turn === undefined);
    const stored = (await b.getThread(alice, threadId)).items.data.find(
      (item) => item.type === 'assistant_message',
    );
    assert.equal(stored?.content?.[0]?.text, deltaText(parseFrames(text)));
  });

  test('an idempotent resend on another instance replays the first turn and adds nothing', async () => {
    const url = await cluster.createDatabase();
    const a = await pgInstance(url, { respond: wordsResponder(20, 5).respond });
    const b = await pgInstance(url, { respond: wordsResponder(20, 5).respond });
    const threadId = threadIdOf(await readFrames(await a.create(alice, 'start')));
    const body = {
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: userInput('only once') },
    };
    const key = { 'Idempotency-Key': '0d2c8c3a-5f7e-4c43-9b59-3f1b2e2a9d10' };
    const [one, two] = await Promise.all([a.post(alice, body, key), b.post(alice, body, key)]);
    const [first, second] = await Promise.all([readFrames(one), readFrames(two)]);
    assert.deepEqual(
      first.map((f) => f.id),
      second.map((f) => f.id),
    );
    const items = (await a.getThread(alice, threadId)).items.data;
    assert.equal(items.filter((item) => item.type === 'user_message').length, 2);
    assert.equal(items.filter((item) => item.type === 'assistant_message').length, 2);
  });

  test('an instance killed with SIGKILL mid-reply: another one ends its turn as interrupted, partial reply stored', async () => {
    const url = await cluster.createDatabase();
    // The survivor runs first so the schema exists; short leases on both sides.
    const b = await pgInstance(url, { respond: wordsResponder(1).respond }, { leaseMs: 600 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'resume-child.ts'], {
      cwd: new URL('.', import.meta.url),
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(async () => void child.kill('SIGKILL'));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        const match = /port (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice' },
      body: JSON.stringify({ type: 'threads.create', params: { input: userInput('hi') } }),
    });
    const seen = await readFrames(response, (f) => deltaText(f).split(' ').length > 20);
    child.kill('SIGKILL');
    const threadId = threadIdOf(seen);
    // B's sweep notices the dead lease; a resume from the last id the client saw ends with the error.
    const rest = await readFrames(await b.resume(alice, threadId, seen.at(-1)!.id));
    const last = rest.at(-1)?.event;
    assert.deepEqual(last, { type: 'error', code: 'stream.interrupted', allow_retry: true });
    const whole = await readFrames(await b.resume(alice, threadId));
    const partial = deltaText(whole);
    assert.ok(partial.startsWith(deltaText(seen)));
    const thread = await b.getThread(alice, threadId);
    assert.equal(thread.active_turn, undefined);
    const stored = thread.items.data.filter((item) => item.type === 'assistant_message');
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.content?.[0]?.text, partial);
    // The model is told the reply is incomplete (hidden from the wire, kept in the store).
    const all = await b.store.listItems('alice', threadId, { limit: 50, order: 'asc' });
    assert.equal(all.data.filter((item) => item.type === 'sdk_hidden_context').length, 1);
  });
});
