import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AssistantMessageItem,
  addPendingUserMessage,
  applyItemUpdate,
  applyStreamEvent,
  createThreadState,
  endRun,
  removeItem,
  startRun,
  type Thread,
  type ThreadItem,
  type ThreadStreamEvent,
  type WidgetItem,
  type WorkflowItem,
} from '@chat-widget/protocol';

const base = { thread_id: 'thr_1', created_at: '2025-01-02T03:04:05' };
const user: ThreadItem = {
  ...base,
  id: 'u1',
  type: 'user_message',
  content: [{ type: 'input_text', text: 'Hi' }],
  attachments: [],
  inference_options: {},
};
const assistant = (text = ''): AssistantMessageItem => ({
  ...base,
  id: 'a1',
  type: 'assistant_message',
  content: text ? [{ type: 'output_text', text, annotations: [] }] : [],
});
const thread: Thread = {
  id: 'thr_1',
  created_at: base.created_at,
  status: { type: 'active' },
  metadata: {},
  items: { data: [user], has_more: false },
};
const fold = (events: ThreadStreamEvent[], state = createThreadState()) =>
  events.reduce(applyStreamEvent, state);
const update = (u: Extract<ThreadStreamEvent, { type: 'thread.item.updated' }>['update']) =>
  ({ type: 'thread.item.updated', item_id: 'a1', update: u }) as const;

describe('createThreadState', () => {
  test('starts empty, or from a loaded thread without its items page and hidden items', () => {
    assert.deepEqual(createThreadState(), {
      thread: null,
      items: [],
      progress: null,
      streamOptions: null,
      error: null,
      streaming: [],
      stopped: [],
      notices: [],
      pendingUser: [],
    });
    const hidden: ThreadItem = { ...base, id: 'h', type: 'sdk_hidden_context', content: 'x' };
    const state = createThreadState({
      ...thread,
      items: { data: [user, hidden], has_more: false },
    });
    assert.deepEqual(state.items, [user]);
    assert.equal('items' in (state.thread ?? {}), false);
    assert.equal(state.thread?.id, 'thr_1');
  });
});

describe('applyStreamEvent', () => {
  test('thread.created/updated set metadata; the thread title follows updates', () => {
    const state = fold([
      { type: 'thread.created', thread: { ...thread, items: { data: [], has_more: false } } },
      { type: 'thread.updated', thread: { ...thread, title: 'Greeting' } },
    ]);
    assert.equal(state.thread?.title, 'Greeting');
    assert.deepEqual(state.items, [], 'thread.updated never carries items into the list');
  });

  test('item added, then done replaces it in place (same position)', () => {
    const state = fold([
      { type: 'thread.item.done', item: user },
      { type: 'thread.item.added', item: assistant() },
      { type: 'thread.item.done', item: { ...user, id: 'u2' } },
      { type: 'thread.item.done', item: assistant('final') },
    ]);
    assert.deepEqual(
      state.items.map((i) => i.id),
      ['u1', 'a1', 'u2'],
    );
    assert.deepEqual(state.items[1], assistant('final'));
  });

  test('text deltas append to the part at content_index, padding missing parts', () => {
    const state = fold([
      { type: 'thread.item.added', item: assistant() },
      update({ type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'Hel' }),
      update({ type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'lo' }),
      update({
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: 'first', annotations: [] },
      }),
    ]);
    const item = state.items[0] as AssistantMessageItem;
    assert.deepEqual(
      item.content.map((c) => c.text),
      ['first', 'Hello'],
    );
  });

  test('annotation_added inserts at annotation_index; content_part.done replaces the part', () => {
    const source = { type: 'url', title: 'T', url: 'https://example.com' } as const;
    const a = (index: number) => ({ type: 'annotation', source, index }) as const;
    let state = fold([
      { type: 'thread.item.added', item: assistant('Hi') },
      update({
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: a(2),
      }),
      update({
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: a(1),
      }),
    ]);
    assert.deepEqual((state.items[0] as AssistantMessageItem).content[0]?.annotations, [
      a(1),
      a(2),
    ]);
    state = applyStreamEvent(
      state,
      update({
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: { type: 'output_text', text: 'Done', annotations: [] },
      }),
    );
    assert.deepEqual((state.items[0] as AssistantMessageItem).content, [
      { type: 'output_text', text: 'Done', annotations: [] },
    ]);
  });

  test('updates do not mutate previous states; untouched items keep their identity', () => {
    const s1 = fold([
      { type: 'thread.item.done', item: user },
      { type: 'thread.item.added', item: assistant('a') },
    ]);
    const snapshot = structuredClone(s1);
    const s2 = applyStreamEvent(
      s1,
      update({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'b' }),
    );
    assert.deepEqual(s1, snapshot);
    assert.notEqual(s2, s1);
    assert.equal(s2.items[0], s1.items[0]);
    assert.equal((s2.items[1] as AssistantMessageItem).content[0]?.text, 'ab');
  });

  test('removed drops the item; replaced swaps it in place; unknown ids leave state as is', () => {
    const s1 = fold([
      { type: 'thread.item.done', item: user },
      { type: 'thread.item.done', item: assistant('x') },
    ]);
    const replaced = applyStreamEvent(s1, {
      type: 'thread.item.replaced',
      item: { ...user, content: [{ type: 'input_text', text: 'edited' }] },
    });
    assert.equal(
      replaced.items[0]?.type === 'user_message' && replaced.items[0].content[0]?.text,
      'edited',
    );
    const removed = applyStreamEvent(s1, { type: 'thread.item.removed', item_id: 'u1' });
    assert.deepEqual(
      removed.items.map((i) => i.id),
      ['a1'],
    );
    assert.equal(applyStreamEvent(s1, { type: 'thread.item.removed', item_id: 'nope' }), s1);
    assert.equal(
      applyStreamEvent(s1, {
        type: 'thread.item.updated',
        item_id: 'nope',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'z' },
      }),
      s1,
    );
  });

  test('an update for the wrong item kind is ignored', () => {
    const s1 = fold([{ type: 'thread.item.done', item: user }]);
    const s2 = applyStreamEvent(s1, {
      type: 'thread.item.updated',
      item_id: 'u1',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'z' },
    });
    assert.equal(s2, s1);
  });

  test('hidden items are never added', () => {
    const s = fold([
      {
        type: 'thread.item.done',
        item: { ...base, id: 'h', type: 'hidden_context_item', content: {} },
      },
    ]);
    assert.deepEqual(s.items, []);
  });

  test('progress shows until the next item event; stream_options and error are kept', () => {
    let s = fold([
      { type: 'stream_options', stream_options: { allow_cancel: true } },
      { type: 'progress_update', icon: 'search', text: 'Thinking...' },
    ]);
    assert.deepEqual(s.progress, { text: 'Thinking...', icon: 'search' });
    assert.deepEqual(s.streamOptions, { allow_cancel: true });
    s = applyStreamEvent(s, { type: 'thread.item.added', item: assistant() });
    assert.equal(s.progress, null);
    s = applyStreamEvent(s, { type: 'error', code: 'stream.error', allow_retry: true });
    assert.deepEqual(s.error, { type: 'error', code: 'stream.error', allow_retry: true });
    // A new responder run (stream_options) clears the previous error.
    s = applyStreamEvent(s, { type: 'stream_options', stream_options: { allow_cancel: false } });
    assert.equal(s.error, null);
  });

  test('client_effect and unknown events leave the state object unchanged', () => {
    const s = createThreadState(thread);
    assert.equal(applyStreamEvent(s, { type: 'client_effect', name: 'x', data: {} }), s);
    assert.equal(applyStreamEvent(s, { type: 'future.event' } as unknown as ThreadStreamEvent), s);
  });

  test('notices collect in order until the next run starts', () => {
    let s = fold([
      { type: 'notice', level: 'info', message: 'one', title: 'T' },
      { type: 'notice', level: 'warning', message: 'two' },
    ]);
    assert.deepEqual(
      s.notices.map((n) => n.message),
      ['one', 'two'],
    );
    s = startRun(s);
    assert.deepEqual(s.notices, []);
  });

  test('streaming: added items stream until done, replaced or removed; endRun can mark them stopped', () => {
    let s = fold([
      { type: 'thread.item.added', item: assistant() },
      { type: 'thread.item.added', item: { ...assistant(), id: 'a2' } },
    ]);
    assert.deepEqual(s.streaming, ['a1', 'a2']);
    s = applyStreamEvent(s, { type: 'thread.item.done', item: assistant('x') });
    assert.deepEqual(s.streaming, ['a2']);
    const stopped = endRun(s, true);
    assert.deepEqual(stopped.streaming, []);
    assert.deepEqual(stopped.stopped, ['a2']);
    assert.deepEqual(endRun(s).stopped, []);
    s = applyStreamEvent(s, { type: 'thread.item.removed', item_id: 'a2' });
    assert.deepEqual(s.streaming, []);
    assert.deepEqual(startRun(stopped).stopped, []);
  });

  test('a pending user message is replaced in place by the server one; removeItem drops it', () => {
    const input = {
      content: [{ type: 'input_text' as const, text: 'Hi' }],
      attachments: [],
      quoted_text: 'q',
      inference_options: {},
    };
    let s = addPendingUserMessage(createThreadState(thread), input, 'local-1', base.created_at);
    assert.deepEqual(s.pendingUser, ['local-1']);
    const local = s.items.at(-1);
    assert.equal(local?.type, 'user_message');
    assert.equal(local?.type === 'user_message' && local.quoted_text, 'q');
    s = applyStreamEvent(s, { type: 'thread.item.done', item: { ...user, id: 'u9' } });
    assert.deepEqual(
      s.items.map((i) => i.id),
      ['u1', 'u9'],
    );
    assert.deepEqual(s.pendingUser, []);
    const again = addPendingUserMessage(s, input, 'local-2');
    assert.equal(removeItem(again, 'local-2').items.length, 2);
    assert.deepEqual(removeItem(again, 'local-2').pendingUser, []);
    assert.equal(removeItem(s, 'nope'), s);
  });
});

describe('applyItemUpdate (widgets, workflows, images)', () => {
  const widget: WidgetItem = {
    ...base,
    id: 'w1',
    type: 'widget',
    widget: {
      type: 'Card',
      children: [
        { type: 'Text', value: 'Hello' },
        { type: 'Col', children: [{ type: 'Markdown', id: 'md', value: 'Par', streaming: true }] },
      ],
    },
  };

  test('streaming text delta appends to the node with that id, deep in the tree', () => {
    const next = applyItemUpdate(widget, {
      type: 'widget.streaming_text.value_delta',
      component_id: 'md',
      delta: 'is',
      done: true,
    }) as WidgetItem;
    assert.deepEqual(next.widget.children[1], {
      type: 'Col',
      children: [{ type: 'Markdown', id: 'md', value: 'Paris', streaming: false }],
    });
    assert.equal(next.widget.children[0], widget.widget.children[0], 'siblings keep identity');
    assert.equal(
      (widget.widget.children[1] as { children: { value: string }[] }).children[0]?.value,
      'Par',
      'the original is not mutated',
    );
  });

  test('component.updated replaces one node; root.updated replaces the widget; unknown id → same item', () => {
    const replaced = applyItemUpdate(widget, {
      type: 'widget.component.updated',
      component_id: 'md',
      component: { type: 'Markdown', id: 'md', value: 'New' },
    }) as WidgetItem;
    assert.deepEqual((replaced.widget.children[1] as { children: unknown[] }).children[0], {
      type: 'Markdown',
      id: 'md',
      value: 'New',
    });
    const root: WidgetItem['widget'] = { type: 'Card', children: [] };
    assert.equal(
      (applyItemUpdate(widget, { type: 'widget.root.updated', widget: root }) as WidgetItem).widget,
      root,
    );
    assert.equal(
      applyItemUpdate(widget, {
        type: 'widget.streaming_text.value_delta',
        component_id: 'missing',
        delta: 'x',
        done: false,
      }),
      widget,
    );
  });

  test('workflow tasks: added appends, updated replaces at index', () => {
    const wf: WorkflowItem = {
      ...base,
      id: 'wf1',
      type: 'workflow',
      workflow: { type: 'reasoning', tasks: [], expanded: false },
    };
    const added = applyItemUpdate(wf, {
      type: 'workflow.task.added',
      task_index: 0,
      task: { type: 'thought', content: 'a' },
    }) as WorkflowItem;
    const updated = applyItemUpdate(added, {
      type: 'workflow.task.updated',
      task_index: 0,
      task: { type: 'thought', content: 'ab', status_indicator: 'complete' },
    }) as WorkflowItem;
    assert.deepEqual(updated.workflow.tasks, [
      { type: 'thought', content: 'ab', status_indicator: 'complete' },
    ]);
    assert.deepEqual(wf.workflow.tasks, []);
  });

  test('generated image update sets the image', () => {
    const item: ThreadItem = { ...base, id: 'g', type: 'generated_image' };
    const next = applyItemUpdate(item, {
      type: 'generated_image.updated',
      image: { id: 'img', url: 'https://x/img.png' },
      progress: 0.5,
    });
    assert.deepEqual(next.type === 'generated_image' && next.image, {
      id: 'img',
      url: 'https://x/img.png',
    });
  });
});
