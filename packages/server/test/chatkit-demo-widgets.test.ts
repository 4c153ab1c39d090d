// The demo's widgets through the real handler: the order card (Track answered by
// demoSyncAction, Cancel by a streamed widget_update), the booking form (its fields
// validated), and the responder's widget_update output stored and streamed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThreadItem, ThreadStreamEvent } from '@chat-widget/protocol';
import {
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
  demoSyncAction,
} from '@chat-widget/server/chatkit';
import { chatkitClient, userInput } from './helpers.ts';

function setup() {
  const store = createMemoryStore();
  const handler = createChatKitHandler({
    store,
    respond: demoResponder({ delayMs: 0 }),
    syncAction: demoSyncAction,
    onError: () => {},
  });
  return { store, alice: chatkitClient(handler, 'alice') };
}

type WidgetItem = Extract<ThreadItem, { type: 'widget' }>;
const widgetOf = (events: ThreadStreamEvent[]) =>
  events.find(
    (e): e is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> & { item: WidgetItem } =>
      e.type === 'thread.item.done' && e.item.type === 'widget',
  )!.item;
const badge = (value: unknown) =>
  JSON.stringify(value).match(/"id":"order-status","type":"Badge","label":"([\w ]+)"/)?.[1];

async function start(alice: ReturnType<typeof setup>['alice'], text: string) {
  const events = await alice.stream('threads.create', { input: userInput(text) });
  const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
  return { threadId, item: widgetOf(events) };
}

test('"show my order": Track (sync) returns the card in transit and stores it', async () => {
  const { alice } = setup();
  const { threadId, item } = await start(alice, 'Show my order');
  assert.equal(badge(item.widget), 'Processing');
  const action = { type: 'order.track', payload: { order_id: 'A-1001' } };
  const answer = await alice.json<{ updated_item?: WidgetItem }>('threads.sync_custom_action', {
    thread_id: threadId,
    item_id: item.id,
    action,
  });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.updated_item?.id, item.id);
  assert.equal(badge(answer.body.updated_item?.widget), 'In transit');
  const thread = await alice.json<{ items: { data: ThreadItem[] } }>('threads.get_by_id', {
    thread_id: threadId,
  });
  assert.equal(badge(thread.body.items.data.find((i) => i.id === item.id)), 'In transit');
  // Other sync actions change nothing.
  const other = await alice.json('threads.sync_custom_action', {
    thread_id: threadId,
    item_id: item.id,
    action: { type: 'order.unknown' },
  });
  assert.deepEqual(other.body, {});
});

test('Cancel streams widget.root.updated for the card, a reply, and stores the cancelled card', async () => {
  const { alice } = setup();
  const { threadId, item } = await start(alice, 'where is my order?');
  const events = await alice.stream('threads.custom_action', {
    thread_id: threadId,
    item_id: item.id,
    action: { type: 'order.cancel', payload: { order_id: 'A-1001' } },
  });
  const update = events.find((e) => e.type === 'thread.item.updated' && e.item_id === item.id);
  assert.ok(update && update.type === 'thread.item.updated');
  assert.equal(update.update.type, 'widget.root.updated');
  assert.equal(badge(update.update), 'Cancelled');
  assert.doesNotMatch(JSON.stringify(update.update), /"Button"/);
  const reply = events.findLast((e) => e.type === 'thread.item.done');
  assert.match(JSON.stringify(reply), /Order A-1001 is cancelled/);
  const thread = await alice.json<{ items: { data: ThreadItem[] } }>('threads.get_by_id', {
    thread_id: threadId,
  });
  assert.equal(badge(thread.body.items.data.find((i) => i.id === item.id)), 'Cancelled');
  // A cancelled order is not tracked any more.
  const track = await alice.json('threads.sync_custom_action', {
    thread_id: threadId,
    item_id: item.id,
    action: { type: 'order.track' },
  });
  assert.deepEqual(track.body, {});
});

test('"book a table": the submit with valid fields books; bad fields are refused politely', async () => {
  const { alice } = setup();
  const { threadId, item } = await start(alice, 'Can you book a table?');
  assert.match(JSON.stringify(item.widget), /"onSubmitAction":\{"type":"booking.submit"/);
  const submit = (payload: Record<string, unknown>) =>
    alice.stream('threads.custom_action', {
      thread_id: threadId,
      item_id: item.id,
      action: { type: 'booking.submit', payload: { restaurant: 'Demo bistro', ...payload } },
    });
  const refused = await submit({ name: 'Ada', guests: '40' });
  assert.ok(!refused.some((e) => e.type === 'thread.item.updated' && e.item_id === item.id));
  assert.match(JSON.stringify(refused), /Please give a name and a number of guests/);
  const booked = await submit({
    name: '  Ada  ',
    guests: '2',
    date: '2026-12-24',
    seating: 'terrace',
    reminder: true,
  });
  const update = booked.find((e) => e.type === 'thread.item.updated' && e.item_id === item.id);
  assert.match(JSON.stringify(update), /"value":"Ada, 2 guests, terrace, on 2026-12-24\."/);
  assert.match(JSON.stringify(update), /We will email you a reminder/);
});

test('widget_update for an item that is not a widget is ignored', async () => {
  const store = createMemoryStore();
  const handler = createChatKitHandler({
    store,
    onError: () => {},
    respond: async function* (context) {
      if (context.trigger === 'custom_action') {
        yield { type: 'widget_update', item_id: 'missing', widget: { type: 'Card', children: [] } };
        yield 'ok';
        return;
      }
      yield { type: 'widget', widget: { type: 'Card', children: [] } };
    },
  });
  const alice = chatkitClient(handler, 'alice');
  const { threadId, item } = await start(alice, 'hi');
  const events = await alice.stream('threads.custom_action', {
    thread_id: threadId,
    item_id: item.id,
    action: { type: 'x' },
  });
  assert.ok(
    !events.some(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.item_id !== undefined &&
        (e.update as { type: string }).type.startsWith('widget'),
    ),
  );
  assert.match(JSON.stringify(events), /"ok"/);
});
