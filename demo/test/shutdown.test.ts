// Shutdown with a reply still streaming: the connection is dropped at once,
// the run saves what it had, and only then do the databases close.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

test('close() ends an open SSE stream promptly and never closes the database under a running turn', async (t) => {
  const errors: unknown[][] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => errors.push(args));
  const demo = await startDemo(
    readConfig({ PORT: '0', DATABASE_PATH: ':memory:', DEMO_RESPONDER_DELAY_MS: '100' }),
    { info: () => {}, warn: () => {} },
  );
  const origin = demo.mainOrigin;
  const signUp = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'stream@example.test', password: 'password123', name: 'S' }),
  });
  const session = signUp.headers.get('set-auth-token');
  const tokenRes = await fetch(`${origin}/api/auth/token`, {
    headers: { authorization: `Bearer ${session}` },
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await fetch(`${origin}/api/chatkit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: [
            { type: 'input_text', text: 'a long answer please a b c d e f g h i j k l m n o p' },
          ],
          attachments: [],
          inference_options: {},
        },
      },
    }),
  });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  await reader.read(); // the stream is open

  const started = Date.now();
  await demo.close();
  assert.ok(Date.now() - started < 4000, `close took ${Date.now() - started} ms`);
  // The client sees the stream end (or break) instead of hanging.
  await assert.doesNotReject(async () => {
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
    }
  });
  assert.deepEqual(errors, []);
});
