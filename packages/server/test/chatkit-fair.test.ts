// Fair streaming: a responder whose outputs are all ready at once must not
// hold the event loop for its whole answer. Ordering only, no timing: a second
// request that arrives as a macrotask must get its first event while the
// first, never-yielding stream is still producing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import {
  createChatKitHandler,
  createMemoryStore,
  type Responder,
} from '@chat-widget/server/chatkit';

const createRequest = (text: string) =>
  new Request('http://localhost/api/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} },
      },
    }),
  });

const LIMIT = 20_000;

async function drain(response: Response): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body!) text += decoder.decode(chunk, { stream: true });
  return text;
}

test('a never-yielding responder does not starve the next request’s first event', async () => {
  let secondStarted = false;
  let produced = 0;
  const respond: Responder = async function* (ctx) {
    const text =
      ctx.userMessage?.content[0]?.type === 'input_text' && ctx.userMessage.content[0].text;
    if (text === 'second') {
      yield 'hello';
      return;
    }
    // Never awaits anything: without slicing this runs to LIMIT in microtasks.
    while (!secondStarted && produced < LIMIT) {
      produced++;
      yield `d${produced} `;
    }
  };
  const handler = createChatKitHandler({ store: createMemoryStore(), respond });
  const first = await handler.fetch(createRequest('first'), { userId: 'alice' });
  // The client reads the first stream as fast as it comes (microtasks only).
  const firstText = drain(first);
  // The second request arrives with the next turn of the event loop, like a new connection.
  const second = (async () => {
    await setImmediate();
    const response = await handler.fetch(createRequest('second'), { userId: 'bob' });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      secondStarted = true; // its first event is in hand
      text += decoder.decode(value, { stream: true });
    }
  })();
  const [a, b] = await Promise.all([firstText, second]);
  assert.ok(
    produced < LIMIT,
    `the first stream ran all ${LIMIT} outputs before the second request got its first event`,
  );
  assert.match(b, /"delta":"hello"/);
  // The first stream still ended properly, with every delta it produced.
  assert.match(a, new RegExp(`d${produced} `));
  const done = a
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as { type: string; item?: { type: string } })
    .filter((event) => event.type === 'thread.item.done');
  assert.deepEqual(
    done.map((event) => event.item?.type),
    ['user_message', 'assistant_message'],
  );
});
