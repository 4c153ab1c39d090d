// The demo responder produces every item type the widget renders, each on a keyword;
// the streams fold with the protocol reducer into the items a newcomer should see.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyStreamEvent,
  createThreadState,
  type ThreadState,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import {
  createChatKitHandler,
  createMemoryStore,
  DEMO_ITEM_TRIGGERS,
  demoResponder,
} from '@chat-widget/server/chatkit';
import { chatkitClient, parseSse, userInput } from './helpers.ts';

const handler = () =>
  createChatKitHandler({ store: createMemoryStore(), respond: demoResponder({ delayMs: 0 }) });

async function run(client: ReturnType<typeof chatkitClient>, body: unknown) {
  const response = await client.post(body);
  assert.equal(response.status, 200);
  return parseSse(await response.text());
}
const fold = (events: ThreadStreamEvent[], state = createThreadState()): ThreadState =>
  events.reduce(applyStreamEvent, state);
const create = (text: string) => ({ type: 'threads.create', params: { input: userInput(text) } });

describe('demo responder: one item type per keyword', () => {
  test('[[sources]]: an answer with three annotations (url and file sources)', async () => {
    const events = await run(chatkitClient(handler(), 'u'), create(DEMO_ITEM_TRIGGERS.sources));
    const answer = fold(events).items.find((i) => i.type === 'assistant_message');
    assert.ok(answer?.type === 'assistant_message');
    assert.deepEqual(
      answer.content[0]?.annotations.map((a) => a.source.type),
      ['url', 'file', 'url'],
    );
  });

  test('[[reasoning]]: a workflow streams its tasks, is done with a duration, then the answer', async () => {
    const events = await run(chatkitClient(handler(), 'u'), create(DEMO_ITEM_TRIGGERS.reasoning));
    assert.ok(
      events.some(
        (e) => e.type === 'thread.item.updated' && e.update.type === 'workflow.task.added',
      ),
    );
    const state = fold(events);
    assert.deepEqual(
      state.items.map((i) => i.type),
      ['user_message', 'workflow', 'assistant_message'],
    );
    const workflow = state.items[1];
    assert.ok(workflow?.type === 'workflow');
    assert.equal(workflow.workflow.tasks.length, 2);
    assert.ok(workflow.workflow.summary && 'duration' in workflow.workflow.summary);
  });

  test('"what time is it on my device?": a pending get_device_time call; its output gets an answer', async () => {
    const client = chatkitClient(handler(), 'u');
    const events = await run(client, create('What time is it on my device?'));
    const state = fold(events);
    const call = state.items.at(-1);
    assert.ok(call?.type === 'client_tool_call');
    assert.equal(call.name, 'get_device_time');
    assert.equal(call.status, 'pending');
    const more = await run(client, {
      type: 'threads.add_client_tool_output',
      params: { thread_id: state.thread!.id, result: { time: '10:42' } },
    });
    const answer = fold(more, state).items.at(-1);
    assert.ok(answer?.type === 'assistant_message');
    assert.match(answer.content[0]?.text ?? '', /10:42/);
  });

  test('[[effect]]: a client_effect and a notice', async () => {
    const events = await run(chatkitClient(handler(), 'u'), create(DEMO_ITEM_TRIGGERS.effect));
    assert.ok(events.some((e) => e.type === 'client_effect' && e.name === 'confetti'));
    assert.equal(fold(events).notices.length, 1);
  });

  test('[[question]]: a pending structured input; answering gets a reply naming the answers', async () => {
    const client = chatkitClient(handler(), 'u');
    const state = fold(await run(client, create(DEMO_ITEM_TRIGGERS.question)));
    const asked = state.items.at(-1);
    assert.ok(asked?.type === 'structured_input' && asked.status === 'pending');
    const more = await run(client, {
      type: 'threads.add_structured_input',
      params: {
        thread_id: state.thread!.id,
        item_id: asked.id,
        input: {
          status: 'answered',
          answers: { size: { values: ['Large'] }, name: { skipped: true } },
        },
      },
    });
    const after = fold(more, state);
    const answered = after.items.find((i) => i.id === asked.id);
    assert.ok(answered?.type === 'structured_input' && answered.status === 'answered');
    const reply = after.items.at(-1);
    assert.ok(reply?.type === 'assistant_message');
    assert.match(reply.content[0]?.text ?? '', /Large/);
  });

  test('[[image]]: a generated image item', async () => {
    const events = await run(chatkitClient(handler(), 'u'), create(DEMO_ITEM_TRIGGERS.image));
    const image = fold(events).items.find((i) => i.type === 'generated_image');
    assert.ok(image?.type === 'generated_image' && image.image?.url.startsWith('https://'));
  });
});
