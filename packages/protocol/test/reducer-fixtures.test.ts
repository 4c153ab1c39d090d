// The reducer over the real Python SDK streams in test-support/fixtures/chatkit/rich:
// every event and every item update type they hold is applied, and folding a scenario's
// streams gives the same items the SDK stored (threads.get_by_id).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  applyStreamEvent,
  createThreadState,
  endRun,
  parseEvent,
  parseSSE,
  startRun,
  type Thread,
  type ThreadItem,
  type ThreadState,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';

const dir = fileURLToPath(new URL('../../../test-support/fixtures/chatkit/rich', import.meta.url));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const index = JSON.parse(read('index.json')) as { name: string; response: string }[];
const events = (name: string): ThreadStreamEvent[] =>
  parseSSE(read(`${name}.response.sse`)).map((m) => parseEvent(m.data));
const streams = index.filter((e) => e.response.endsWith('.sse')).map((e) => e.name);
const fold = (names: string[], state = createThreadState()) =>
  names.reduce((s, name) => endRun(events(name).reduce(applyStreamEvent, startRun(s))), state);
const stored = (name: string) =>
  createThreadState(JSON.parse(read(`${name}.response.json`)) as Thread).items;

describe('reducer over the rich SDK fixtures', () => {
  test('every update type in the fixtures changes the item it targets', () => {
    const seen = new Set<string>();
    for (const name of streams) {
      let state = createThreadState();
      // The action streams act on the widget thread's items.
      if (name.startsWith('action.')) state = fold(['widget.threads.create']);
      for (const event of events(name)) {
        const next = applyStreamEvent(state, event);
        if (event.type === 'thread.item.updated') {
          seen.add(event.update.type);
          assert.notEqual(next, state, `${name}: ${event.update.type} was ignored`);
          const before = state.items.find((i) => i.id === event.item_id);
          const after = next.items.find((i) => i.id === event.item_id);
          // content_part.done repeats what the deltas built (checked below).
          if (event.update.type !== 'assistant_message.content_part.done')
            assert.notDeepEqual(after, before, `${name}: ${event.update.type} changed nothing`);
        }
        state = next;
      }
    }
    assert.deepEqual([...seen].sort(), [
      'assistant_message.content_part.added',
      'assistant_message.content_part.annotation_added',
      'assistant_message.content_part.done',
      'assistant_message.content_part.text_delta',
      'generated_image.updated',
      'widget.component.updated',
      'widget.root.updated',
      'widget.streaming_text.value_delta',
      'workflow.task.added',
      'workflow.task.updated',
    ]);
  });

  test('every event type in the fixtures is applied (client_effect is left to the UI)', () => {
    const seen = new Set<string>();
    for (const name of streams) {
      let state = name.startsWith('action.')
        ? fold(['widget.threads.create'])
        : createThreadState();
      for (const event of events(name)) {
        seen.add(event.type);
        const next = applyStreamEvent(state, event);
        if (event.type === 'client_effect') assert.equal(next, state);
        else if (event.type !== 'thread.updated' || event.thread.title !== state.thread?.title)
          assert.notEqual(next, state, `${name}: ${event.type} was ignored`);
        state = next;
      }
    }
    assert.deepEqual([...seen].sort(), [
      'client_effect',
      'notice',
      'progress_update',
      'stream_options',
      'thread.created',
      'thread.item.added',
      'thread.item.done',
      'thread.item.removed',
      'thread.item.replaced',
      'thread.item.updated',
      'thread.updated',
    ]);
  });

  test('streamed deltas fold to the text content_part.done carries', () => {
    for (const name of streams) {
      let state = name.startsWith('action.')
        ? fold(['widget.threads.create'])
        : createThreadState();
      for (const event of events(name)) {
        if (
          event.type === 'thread.item.updated' &&
          event.update.type === 'assistant_message.content_part.done'
        ) {
          const item = state.items.find((i) => i.id === event.item_id);
          assert.equal(item?.type, 'assistant_message');
          if (item?.type !== 'assistant_message') continue;
          assert.equal(item.content[event.update.content_index]?.text, event.update.content.text);
          assert.deepEqual(
            item.content[event.update.content_index]?.annotations,
            event.update.content.annotations,
            `${name}: annotations`,
          );
        }
        state = applyStreamEvent(state, event);
      }
    }
  });

  test('items stream from added to done; nothing streams after each run', () => {
    let state = createThreadState();
    const streamedIds = new Set<string>();
    for (const event of events('reasoning.threads.create')) {
      state = applyStreamEvent(state, event);
      for (const id of state.streaming) streamedIds.add(id);
      if (event.type === 'thread.item.updated' && event.update.type === 'workflow.task.added') {
        assert.ok(
          state.streaming.includes(event.item_id),
          'the workflow streams while tasks arrive',
        );
      }
    }
    assert.ok(streamedIds.size >= 2, 'the workflow and the answer streamed');
    assert.deepEqual(state.streaming, []);
    const workflow = state.items.find((i) => i.type === 'workflow');
    assert.ok(workflow?.type === 'workflow' && 'duration' in (workflow.workflow.summary ?? {}));
  });

  test('effect stream: the removed placeholder is gone, both notices kept, end_of_turn in the list', () => {
    const state = fold(['effect.threads.create']);
    assert.deepEqual(
      state.items.map((i) => i.type),
      ['user_message', 'assistant_message', 'end_of_turn'],
    );
    // endRun keeps the notices of the run; the next startRun clears them.
    assert.equal(state.notices.length, 2);
    assert.equal(state.notices[0]?.title !== undefined, true);
  });

  const same = (folded: ThreadState, expected: ThreadItem[]) =>
    assert.deepEqual(
      folded.items.map((i) => JSON.stringify(i)),
      expected.map((i) => JSON.stringify(i)),
    );

  test('structured: create + add_structured_input fold to the stored thread (answers replaced in)', () => {
    same(
      fold(['structured.threads.create', 'structured.threads.add_structured_input']),
      stored('structured.threads.get_by_id'),
    );
  });

  test('attachments: the folded stream equals the stored thread', () => {
    same(fold(['attachments.threads.create']), stored('attachments.threads.get_by_id'));
  });

  test('widgets: streamed, diffed and replaced widgets fold to the stored ones', () => {
    const state = fold([
      'widget.threads.create',
      'action.threads.custom_action.approve',
      'action.threads.custom_action.form',
    ]);
    const expected = stored('action.threads.get_by_id');
    // The sync action (a JSON answer, no stream) changed one more widget out of band.
    const sync = JSON.parse(read('action.threads.sync_custom_action.response.json')) as {
      updated_item?: ThreadItem;
    };
    const items = state.items.map((i) =>
      sync.updated_item && i.id === sync.updated_item.id ? sync.updated_item : i,
    );
    same({ ...state, items }, expected);
  });

  test('tool: a pending call folds as pending; the SDK completes it without an event', () => {
    const state = fold(['tool.threads.create', 'tool.threads.add_client_tool_output']);
    const call = state.items.find((i) => i.type === 'client_tool_call');
    assert.equal(call?.type === 'client_tool_call' && call.status, 'pending');
    const expected = stored('tool.threads.get_by_id');
    assert.deepEqual(
      state.items.map((i) => i.id),
      expected.map((i) => i.id),
    );
  });
});
