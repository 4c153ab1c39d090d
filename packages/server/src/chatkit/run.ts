// Over 450 lines for now: the one loop that turns responder outputs into stored items and
// stream events (every output kind shares its per-turn state); splitting it by output
// kind is planned once the resumable-replies work settles the event log.
// Runs one responder turn and turns its output into ChatKit stream events,
// persisting items as the SDK does: on `thread.item.done`. A disconnect
// (signal) keeps the partial answer plus a hidden note that it is incomplete;
// a responder exception becomes an in-stream `error` event.
import type {
  AssistantMessageItem,
  GeneratedImageItem,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  WorkflowItem,
  WorkflowSummary,
} from '@chat-widget/protocol';
import { createSlicer } from './fair.js';
import { newId, timestamp } from './ids.js';
import {
  ChatKitStreamError,
  type RespondContext,
  type Responder,
  type ResponderOutput,
  userText,
} from './responder.js';
import type { ChatKitStore } from './store.js';
import { wireThread } from './wire.js';

export type Emit = (event: ThreadStreamEvent) => void;

export interface TurnOptions {
  store: ChatKitStore;
  respond: Responder;
  userId: string;
  thread: ThreadMetadata;
  context: Omit<RespondContext, 'signal' | 'thread' | 'items' | 'userId' | 'inference'>;
  /** Derives a title from the first user message; undefined leaves the thread untitled. */
  title: (text: string) => string | undefined;
  onError: (error: unknown) => void;
  /**
   * Returns a promise when the client has no room for more events (undefined when it has), resolved
   * once it has. Awaited before each pull from the
   * responder, so a slow reader slows the responder instead of the server buffering the
   * whole answer in memory.
   */
  ready?: () => Promise<void> | undefined;
}

/** Every item of a thread, oldest first (the responder's context). */
export async function allItems(
  store: ChatKitStore,
  userId: string,
  threadId: string,
): Promise<ThreadItem[]> {
  const items: ThreadItem[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listItems(userId, threadId, { limit: 200, order: 'asc', after });
    items.push(...page.data);
    if (!page.has_more || !page.after) return items;
    after = page.after;
  }
}

/**
 * A turn's guard against a stopped signal: `race(p)` resolves with p's value, or with
 * ABORTED as soon as the signal fires. One abort listener for the whole turn (not one
 * added and removed per responder output: EventTarget listeners are costly at
 * thousands of outputs a second); `dispose` removes it.
 */
function abortRace(signal: AbortSignal) {
  let settleAborted: ((value: typeof ABORTED) => void) | undefined;
  const onAbort = () => settleAborted?.(ABORTED);
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    race<T>(promise: Promise<T>): Promise<T | typeof ABORTED> {
      if (signal.aborted) {
        promise.catch(() => {}); // the abandoned step may still fail; nobody is listening
        return Promise.resolve(ABORTED);
      }
      return new Promise((resolve, reject) => {
        settleAborted = resolve;
        promise.then(resolve, reject);
      });
    },
    dispose() {
      settleAborted = undefined;
      signal.removeEventListener('abort', onAbort);
    },
  };
}
const ABORTED = Symbol('aborted');

const threadState = (thread: ThreadMetadata) =>
  JSON.stringify([thread.title, thread.status, thread.allowed_image_domains]);

export async function runTurn(
  options: TurnOptions,
  emit: Emit,
  signal: AbortSignal,
): Promise<void> {
  const { store, userId } = options;
  const thread = options.thread;
  const before = threadState(thread);
  let current: AssistantMessageItem | undefined;
  /** The open workflow; `shown` once its thread.item.added went out. */
  let workflow: { item: WorkflowItem; started: number; shown: boolean } | undefined;
  /** The generated_image item being streamed. */
  let image: GeneratedImageItem | undefined;
  /** Ids of the items this run showed, for `discard`. */
  const produced = new Set<string>();

  const endWorkflow = async (summary?: WorkflowSummary, expanded = false) => {
    const open = workflow;
    if (!open) return;
    workflow = undefined;
    if (!open.shown && open.item.workflow.tasks.length === 0) return; // never shown: nothing to close
    open.item.workflow.summary = summary ??
      open.item.workflow.summary ?? {
        duration: Math.max(0, Math.floor((Date.now() - open.started) / 1000)),
      };
    open.item.workflow.expanded = expanded;
    await store.addItem(userId, thread.id, open.item);
    emit({ type: 'thread.item.done', item: open.item });
  };

  const endImage = async () => {
    const open = image;
    if (!open) return;
    image = undefined;
    await store.addItem(userId, thread.id, open);
    emit({ type: 'thread.item.done', item: open });
  };

  /** Closes whatever is streaming before a new visible item starts. */
  const settle = async () => {
    await endWorkflow();
    await endImage();
  };

  const startWorkflow = async (type: 'reasoning' | 'custom') => {
    await closeMessage();
    await endWorkflow();
    await endImage();
    const item: WorkflowItem = {
      id: newId('wf'),
      thread_id: thread.id,
      created_at: timestamp(),
      type: 'workflow',
      workflow: { type, tasks: [], expanded: false },
    };
    workflow = { item, started: Date.now(), shown: type === 'reasoning' };
    produced.add(item.id);
    if (workflow.shown) emit({ type: 'thread.item.added', item: structuredClone(item) });
    return workflow;
  };

  const openMessage = (): AssistantMessageItem => {
    if (current) return current;
    current = {
      id: newId('msg'),
      thread_id: thread.id,
      created_at: timestamp(),
      type: 'assistant_message',
      content: [],
    };
    produced.add(current.id);
    emit({ type: 'thread.item.added', item: structuredClone(current) });
    current.content.push({ annotations: [], text: '', type: 'output_text' } as never);
    emit({
      type: 'thread.item.updated',
      item_id: current.id,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { annotations: [], text: '', type: 'output_text' } as never,
      },
    });
    return current;
  };

  const closeMessage = async () => {
    const message = current;
    if (!message) return;
    current = undefined;
    emit({
      type: 'thread.item.updated',
      item_id: message.id,
      update: {
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: structuredClone(message.content[0]!),
      },
    });
    await store.addItem(userId, thread.id, message);
    emit({ type: 'thread.item.done', item: message });
  };

  const addItem = async (item: ThreadItem) => {
    await closeMessage();
    await settle();
    produced.add(item.id);
    await store.addItem(userId, thread.id, item);
    emit({ type: 'thread.item.done', item });
  };

  /** Applies one output; returns true when the turn must end (client tool call). */
  const apply = async (output: ResponderOutput): Promise<boolean> => {
    if (typeof output === 'string' || output.type === 'text') {
      const delta = typeof output === 'string' ? output : output.delta;
      if (typeof delta !== 'string' || delta === '') return false;
      if (!current) await settle();
      const message = openMessage();
      message.content[0]!.text += delta;
      emit({
        type: 'thread.item.updated',
        item_id: message.id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
      });
      return false;
    }
    switch (output.type) {
      case 'annotation': {
        if (!current) await settle();
        const message = openMessage();
        const part = message.content[0]!;
        part.annotations.push(output.annotation);
        emit({
          type: 'thread.item.updated',
          item_id: message.id,
          update: {
            type: 'assistant_message.content_part.annotation_added',
            content_index: 0,
            annotation_index: part.annotations.length - 1,
            annotation: output.annotation,
          },
        });
        return false;
      }
      case 'message_done':
        await closeMessage();
        return false;
      case 'progress':
        emit(
          output.icon
            ? { type: 'progress_update', icon: output.icon, text: output.text }
            : { type: 'progress_update', text: output.text },
        );
        return false;
      case 'notice':
        emit(
          output.title
            ? { type: 'notice', level: output.level, message: output.message, title: output.title }
            : { type: 'notice', level: output.level, message: output.message },
        );
        return false;
      case 'client_effect':
        emit({ type: 'client_effect', name: output.name, data: output.data ?? {} });
        return false;
      case 'title':
        thread.title = output.title;
        return false;
      case 'widget': {
        const item: ThreadItem = {
          id: newId('msg'),
          thread_id: thread.id,
          created_at: timestamp(),
          type: 'widget',
          widget: output.widget,
          ...(output.copy_text !== undefined ? { copy_text: output.copy_text } : {}),
        };
        await addItem(item);
        return false;
      }
      case 'workflow':
        await startWorkflow(output.workflow);
        return false;
      case 'widget_update': {
        const item = await store.loadItem(userId, thread.id, output.item_id);
        if (item?.type !== 'widget') return false;
        await closeMessage();
        const updated: ThreadItem = {
          ...item,
          widget: output.widget,
          ...(output.copy_text !== undefined ? { copy_text: output.copy_text } : {}),
        };
        await store.saveItem(userId, thread.id, updated);
        emit({
          type: 'thread.item.updated',
          item_id: item.id,
          update: { type: 'widget.root.updated', widget: output.widget },
        });
        return false;
      }
      case 'task': {
        if (current || image) {
          await closeMessage();
          await endImage();
        }
        const open = workflow ?? (await startWorkflow(output.workflow ?? 'reasoning'));
        const tasks = open.item.workflow.tasks;
        tasks.push(structuredClone(output.task));
        if (!open.shown) {
          open.shown = true;
          emit({ type: 'thread.item.added', item: structuredClone(open.item) });
        } else {
          emit({
            type: 'thread.item.updated',
            item_id: open.item.id,
            update: {
              type: 'workflow.task.added',
              task_index: tasks.length - 1,
              task: structuredClone(output.task),
            },
          });
        }
        return false;
      }
      case 'task_update': {
        const open = workflow;
        if (!open) return false;
        const tasks = open.item.workflow.tasks;
        const index = output.index ?? tasks.length - 1;
        if (!Number.isInteger(index) || index < 0 || index >= tasks.length) return false;
        tasks[index] = structuredClone(output.task);
        emit({
          type: 'thread.item.updated',
          item_id: open.item.id,
          update: {
            type: 'workflow.task.updated',
            task_index: index,
            task: structuredClone(output.task),
          },
        });
        return false;
      }
      case 'discard': {
        // Items still streaming were never stored; a custom workflow with no task was never shown.
        const unstored = new Set([current?.id, workflow?.item.id, image?.id]);
        const unseen = workflow && !workflow.shown ? workflow.item.id : undefined;
        current = undefined;
        workflow = undefined;
        image = undefined;
        for (const id of produced) {
          if (id === unseen) continue;
          if (!unstored.has(id)) await store.deleteItem(userId, thread.id, id);
          emit({ type: 'thread.item.removed', item_id: id });
        }
        produced.clear();
        return false;
      }
      case 'workflow_done':
        await endWorkflow(output.summary, output.expanded ?? false);
        return false;
      case 'image_progress': {
        if (!image) {
          await closeMessage();
          await settle();
          image = {
            id: newId('msg'),
            thread_id: thread.id,
            created_at: timestamp(),
            type: 'generated_image',
          };
          produced.add(image.id);
          emit({ type: 'thread.item.added', item: structuredClone(image) });
        }
        emit({
          type: 'thread.item.updated',
          item_id: image.id,
          update: {
            type: 'generated_image.updated',
            image: { ...output.image },
            progress: output.progress ?? 0,
          },
        });
        return false;
      }
      case 'image': {
        if (!image) {
          await closeMessage();
          await settle();
          image = {
            id: newId('msg'),
            thread_id: thread.id,
            created_at: timestamp(),
            type: 'generated_image',
          };
        }
        image.image = { ...output.image };
        await endImage();
        return false;
      }
      case 'item':
        await addItem({
          ...output.item,
          id: newId(output.item.type === 'generated_image' ? 'ig' : 'msg'),
          thread_id: thread.id,
          created_at: timestamp(),
        } as ThreadItem);
        return false;
      case 'client_tool_call': {
        await addItem({
          id: newId('tc'),
          thread_id: thread.id,
          created_at: timestamp(),
          type: 'client_tool_call',
          status: 'pending',
          call_id: output.call_id ?? newId('call'),
          name: output.name,
          arguments: output.arguments,
        });
        return true;
      }
      default:
        return false;
    }
  };

  emit({ type: 'stream_options', stream_options: { allow_cancel: true } });

  // Work in slices (fair.ts). The first yield comes before the thread is even loaded:
  // this stream's first events are written by now, and the requests that arrived
  // meanwhile get theirs before any running stream continues.
  const slicer = createSlicer();
  await slicer.yield();
  const items = await allItems(store, userId, thread.id);
  // The user's composer picks: of the message answered, else of the latest one.
  const asked = options.context.userMessage ?? items.findLast((i) => i.type === 'user_message');
  const iterable = options.respond({
    ...options.context,
    inference: asked?.type === 'user_message' ? { ...asked.inference_options } : {},
    userId,
    thread: structuredClone(thread),
    items,
    signal,
  });
  const iterator = iterable[Symbol.asyncIterator]();
  let exhausted = false;
  const guard = abortRace(signal);
  // Then yield again whenever a slice's budget is spent.
  try {
    for (;;) {
      if (signal.aborted) break;
      // Only a full buffer costs an await: the common case stays one step per output.
      const drained = options.ready?.();
      if (drained && (await guard.race(drained)) === ABORTED) break;
      const next = await guard.race(iterator.next());
      if (next === ABORTED || next.done) {
        exhausted = next !== ABORTED;
        break;
      }
      if (signal.aborted) break;
      if (await apply(next.value)) break; // a client tool call ends the turn
      const yielded = slicer.tick();
      if (yielded) await yielded;
    }
    if (!signal.aborted) {
      await closeMessage();
      await settle();
    }
  } catch (error) {
    if (!signal.aborted) {
      options.onError(error);
      // Keep what the user already saw, then report the failure in-stream.
      if (current && current.content[0]!.text.trim()) await closeMessage().catch(options.onError);
      current = undefined;
      await settle().catch(options.onError);
      emit(
        error instanceof ChatKitStreamError
          ? { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry }
          : { type: 'error', code: 'stream.error', allow_retry: true },
      );
    }
  } finally {
    guard.dispose();
    if (!exhausted) {
      // Stop a responder that is still running; never wait for it.
      Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => {});
    }
  }

  if (signal.aborted) {
    // Stopped by the user or a dropped connection: keep the partial answer, marked
    // incomplete by a hidden note the model sees next turn (the SDK does the same).
    const partial = current as AssistantMessageItem | undefined;
    current = undefined;
    // A workflow or image the user already saw is kept as it stands.
    const openWorkflow = workflow as { item: WorkflowItem; shown: boolean } | undefined;
    workflow = undefined;
    if (openWorkflow?.shown) await store.addItem(userId, thread.id, openWorkflow.item);
    const openImage = image as GeneratedImageItem | undefined;
    image = undefined;
    if (openImage?.image) await store.addItem(userId, thread.id, openImage);
    if (partial && partial.content[0]!.text.trim()) {
      await store.addItem(userId, thread.id, partial);
      await store.addItem(userId, thread.id, {
        id: newId('shcx'),
        thread_id: thread.id,
        created_at: timestamp(),
        type: 'sdk_hidden_context',
        content: `The user stopped the assistant's previous response (item ${partial.id}); it is incomplete.`,
      });
    }
  }

  // Title from the first message, then one thread.updated if anything changed.
  if (!thread.title && options.context.userMessage) {
    const title = options.title(userText(options.context.userMessage));
    if (title) thread.title = title;
  }
  if (threadState(thread) !== before) {
    await store.updateThread(userId, thread);
    emit({ type: 'thread.updated', thread: wireThread(thread) });
  }
}
