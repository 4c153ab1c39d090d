import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createChatKitHandler,
  createMemoryStore,
  type Responder,
} from '@chat-widget/server/chatkit';

const createRequest = () =>
  new Request('http://localhost/api/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'stream a lot' }],
          attachments: [],
          inference_options: {},
        },
      },
    }),
  });

test('a client that stops reading pauses the responder instead of buffering its whole answer', async () => {
  let produced = 0;
  // A responder that never waits: without backpressure it would run to the end at once.
  const respond: Responder = async function* () {
    for (let i = 0; i < 10_000; i++) {
      produced++;
      yield `delta ${i} `;
    }
  };
  const handler = createChatKitHandler({ store: createMemoryStore(), respond });
  const response = await handler.fetch(createRequest(), { userId: 'alice' });
  const reader = response.body!.getReader();
  await reader.read(); // the client reads one chunk, then stalls
  await sleep(200);
  const whileStalled = produced;
  assert.ok(whileStalled < 200, `responder ran ahead of a stalled client: ${whileStalled} outputs`);

  // Reading again lets it go on, and the whole answer arrives.
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  assert.equal(produced, 10_000);
  assert.match(text, /delta 9999 /);
  assert.match(text, /"type":"thread.item.done"/);
});

test('a client that disconnects while the stream is paused stops the responder', async () => {
  let produced = 0;
  let finished = false;
  const respond: Responder = async function* () {
    try {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `delta ${i} `;
      }
    } finally {
      finished = true;
    }
  };
  const store = createMemoryStore();
  const handler = createChatKitHandler({ store, respond });
  const response = await handler.fetch(createRequest(), { userId: 'alice' });
  const reader = response.body!.getReader();
  await reader.read();
  await sleep(100);
  await reader.cancel(new Error('client went away'));
  await sleep(100);
  assert.ok(produced < 200, `${produced} outputs`);
  assert.ok(finished, 'the responder was closed');
});
