// A pure reducer that folds ThreadStreamEvents into a thread's visible state.
// Every call returns a new object when something changed and the same object when
// not, so UI code can compare by reference. Items and content parts that changed are
// copied; untouched ones keep their identity.
import type {
  ErrorEvent,
  NoticeEvent,
  StreamOptions,
  ThreadItemUpdate,
  ThreadStreamEvent,
} from './events.js';
import type {
  AssistantMessageContent,
  AssistantMessageItem,
  GeneratedImageItem,
  IconName,
  Thread,
  ThreadItem,
  ThreadMetadata,
  UserMessageInput,
  UserMessageItem,
  WidgetComponent,
  WidgetItem,
  WidgetRoot,
  WorkflowItem,
} from './items.js';
import { HIDDEN_ITEM_TYPES } from './items.js';

export interface ThreadState {
  /** The thread's metadata (no items), once known. */
  thread: ThreadMetadata | null;
  /** Visible items in order; pending (streaming) items included. */
  items: ThreadItem[];
  /** The current transient status line; cleared by the next item event. */
  progress: { text: string; icon?: IconName } | null;
  /** From the last `stream_options` event. */
  streamOptions: StreamOptions | null;
  /** The last in-stream `error` event of the current run. */
  error: ErrorEvent | null;
  /** Ids of items added but not done yet (streaming now), in order. */
  streaming: string[];
  /** Ids of items that were still streaming when the run was stopped. */
  stopped: string[];
  /** `notice` events of the current run, in order. */
  notices: NoticeEvent[];
  /**
   * Ids of user messages shown before the server confirmed them (see
   * {@link addPendingUserMessage}); the next `user_message` item the server sends takes
   * the place of the first one.
   */
  pendingUser: string[];
}

/** An empty state, or the state of a thread loaded with `threads.get_by_id`. */
export function createThreadState(thread?: Thread): ThreadState {
  const empty: ThreadState = {
    thread: null,
    items: [],
    progress: null,
    streamOptions: null,
    error: null,
    streaming: [],
    stopped: [],
    notices: [],
    pendingUser: [],
  };
  if (!thread) return empty;
  const { items, ...metadata } = thread;
  return { ...empty, thread: metadata, items: items.data.filter((item) => !isHidden(item)) };
}

/**
 * Shows a user message before the server confirms it: a `user_message` item with
 * `id` (choose one that cannot clash with server ids, e.g. `local-1`). The server's
 * own `user_message` item replaces it in place when it arrives.
 */
export function addPendingUserMessage(
  state: ThreadState,
  input: UserMessageInput,
  id: string,
  createdAt = new Date().toISOString(),
): ThreadState {
  const item: UserMessageItem = {
    id,
    thread_id: state.thread?.id ?? '',
    created_at: createdAt,
    type: 'user_message',
    content: input.content,
    attachments: [],
    inference_options: input.inference_options,
    ...(input.quoted_text ? { quoted_text: input.quoted_text } : {}),
  };
  return { ...state, items: [...state.items, item], pendingUser: [...state.pendingUser, id] };
}

/** Removes an item (e.g. a pending user message the server never received). */
export function removeItem(state: ThreadState, id: string): ThreadState {
  const items = state.items.filter((item) => item.id !== id);
  if (items.length === state.items.length) return state;
  return {
    ...state,
    items,
    streaming: without(state.streaming, id),
    pendingUser: without(state.pendingUser, id),
  };
}

/** Starts a run: clears the previous run's error, notices, progress and stopped marks. */
export function startRun(state: ThreadState): ThreadState {
  return { ...state, error: null, notices: [], progress: null, stopped: [] };
}

/**
 * Ends a run: nothing streams any more. With `stopped`, items still streaming are
 * remembered in `stopped` (the user pressed stop; their content is partial).
 */
export function endRun(state: ThreadState, stopped = false): ThreadState {
  return {
    ...state,
    progress: null,
    streaming: [],
    stopped: stopped ? [...state.stopped, ...state.streaming] : state.stopped,
  };
}

/**
 * Applies one stream event. Handles thread.created/updated, item
 * added/updated/done/removed/replaced (tracking which items stream), stream_options,
 * progress_update, notice and error; `client_effect` and unknown event types leave the
 * state unchanged (act on them in the UI). Updates for an unknown item id are ignored.
 */
export function applyStreamEvent(state: ThreadState, event: ThreadStreamEvent): ThreadState {
  const { items, streaming } = state;
  switch (event.type) {
    case 'thread.created':
    case 'thread.updated': {
      const { items: _items, ...thread } = event.thread;
      return { ...state, thread };
    }
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced': {
      const { item } = event;
      const { id } = item;
      if (isHidden(item)) return state;
      // The server's user message takes the place of the first pending one.
      const local =
        item.type === 'user_message' && !items.some((i) => i.id === id)
          ? state.pendingUser[0]
          : undefined;
      return {
        ...state,
        items: replace(items, local ?? id, () => item),
        pendingUser: without(state.pendingUser, local),
        streaming:
          event.type !== 'thread.item.added'
            ? without(streaming, id)
            : streaming.includes(id)
              ? streaming
              : [...streaming, id],
        progress: null,
      };
    }
    case 'thread.item.removed':
      return removeItem(state, event.item_id);
    case 'thread.item.updated': {
      const next = replace(
        items,
        event.item_id,
        (item) => item && applyItemUpdate(item, event.update),
      );
      return next === items ? state : { ...state, items: next, progress: null };
    }
    case 'stream_options':
      return { ...state, streamOptions: event.stream_options, error: null };
    case 'progress_update':
      return {
        ...state,
        progress:
          event.icon === undefined ? { text: event.text } : { text: event.text, icon: event.icon },
      };
    case 'error':
      return { ...state, error: event, progress: null };
    case 'notice':
      return { ...state, notices: [...state.notices, event] };
    default:
      return state;
  }
}

/** Applies a `thread.item.updated` payload to an item; returns the same item if it does not apply. */
export function applyItemUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  // An update's type starts with the type of the item it applies to (`widget.root.updated`).
  if (!update.type.startsWith(`${item.type}.`)) return item;
  const message = item as AssistantMessageItem;
  const { widget } = item as WidgetItem;
  const { workflow } = item as WorkflowItem;
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      return {
        ...message,
        content: setPart(message.content, update.content_index, () => update.content),
      };
    case 'assistant_message.content_part.text_delta':
      return {
        ...message,
        content: setPart(message.content, update.content_index, (part) => ({
          ...part,
          text: part.text + update.delta,
        })),
      };
    case 'assistant_message.content_part.annotation_added':
      return {
        ...message,
        content: setPart(message.content, update.content_index, (part) => {
          const annotations = (part.annotations ?? []).slice();
          const at = Math.min(Math.max(0, update.annotation_index), annotations.length);
          annotations.splice(at, 0, update.annotation);
          return { ...part, annotations };
        }),
      };
    case 'widget.root.updated':
      return { ...(item as WidgetItem), widget: update.widget };
    case 'widget.streaming_text.value_delta':
    case 'widget.component.updated': {
      const next = mapNode(widget, update.component_id, (node) =>
        update.type === 'widget.component.updated'
          ? (update.component as unknown as WidgetNode)
          : {
              ...node,
              value: (typeof node.value === 'string' ? node.value : '') + update.delta,
              streaming: !update.done,
            },
      );
      return next === widget ? item : { ...(item as WidgetItem), widget: next as WidgetRoot };
    }
    case 'workflow.task.added':
    case 'workflow.task.updated': {
      const tasks = workflow.tasks.slice();
      const index = update.task_index;
      // The SDK appends an added task regardless of task_index.
      if (update.type === 'workflow.task.added') tasks.push(update.task);
      else if (index < 0 || index > tasks.length) return item;
      else tasks[index] = update.task;
      return { ...(item as WorkflowItem), workflow: { ...workflow, tasks } };
    }
    case 'generated_image.updated':
      return { ...(item as GeneratedImageItem), image: update.image };
    default:
      return item;
  }
}

function isHidden(item: ThreadItem): boolean {
  return (HIDDEN_ITEM_TYPES as readonly string[]).includes(item.type);
}

function without(ids: string[], id?: string): string[] {
  return id !== undefined && ids.includes(id) ? ids.filter((x) => x !== id) : ids;
}

/**
 * The items with the one whose id is `id` changed (`items` itself when the change returns
 * it unchanged); without one, `change`'s item is appended (a new item).
 */
function replace(
  items: ThreadItem[],
  id: string,
  change: (item: ThreadItem | undefined) => ThreadItem | undefined,
): ThreadItem[] {
  const index = items.findIndex((item) => item.id === id);
  const current = items[index];
  const next = change(current);
  if (next === current) return items;
  const copy = items.slice();
  copy.splice(index === -1 ? items.length : index, 1, next!);
  return copy;
}

const emptyPart = (): AssistantMessageContent => ({
  type: 'output_text',
  text: '',
  annotations: [],
});

/** Replaces part `index`, padding with empty text parts up to it (the SDK's rule). */
function setPart(
  content: AssistantMessageContent[],
  index: number,
  change: (part: AssistantMessageContent) => AssistantMessageContent,
): AssistantMessageContent[] {
  if (!Number.isInteger(index) || index < 0) return content;
  const next = content.slice();
  while (next.length <= index) next.push(emptyPart());
  next[index] = change(next[index]!);
  return next;
}

type WidgetNode = { id?: string; children?: unknown; [key: string]: unknown };

/** Copies the path to the node with `id` and replaces it; returns `root` itself if not found. */
function mapNode(
  root: WidgetRoot | WidgetComponent,
  id: string,
  change: (node: WidgetNode) => WidgetNode,
): WidgetNode {
  const visit = (node: WidgetNode): WidgetNode => {
    if (node.id === id) return change(node);
    if (!Array.isArray(node.children)) return node;
    let children: unknown[] | undefined;
    node.children.forEach((child: unknown, i: number) => {
      if (typeof child !== 'object' || child === null) return;
      const mapped = visit(child as WidgetNode);
      if (mapped !== child) {
        children ??= (node.children as unknown[]).slice();
        children[i] = mapped;
      }
    });
    return children ? { ...node, children } : node;
  };
  return visit(root as unknown as WidgetNode);
}
