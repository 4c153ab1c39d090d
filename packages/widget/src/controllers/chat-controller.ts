/**
 * Folds the ChatKit protocol into the widget's view state: the current
 * thread's messages, the running response (one at a time, abortable), the
 * inline error with its retry action, and the history list.
 */
import type {
  NonStreamingRequest,
  Page,
  ResponseFor,
  StreamingRequest,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStatus,
  ThreadStreamEvent,
  UserMessageInput,
} from '@chat-widget/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The part of `createChatKitClient()`'s result the widget uses. */
export interface ChatTransport {
  request<R extends NonStreamingRequest>(
    req: R,
    options?: { signal?: AbortSignal },
  ): Promise<ResponseFor<R>>;
  stream(
    req: StreamingRequest,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<ThreadStreamEvent>;
}

export interface ChatMessage {
  /** Server item id, or `local-…` for a user message the server has not confirmed. */
  id: string;
  role: 'user' | 'assistant';
  /** Text parts (assistant messages may have several). */
  parts: string[];
  status: 'pending' | 'streaming' | 'done' | 'stopped';
}

export type RetryAction =
  | { kind: 'resend'; text: string }
  | { kind: 'retry'; threadId: string; itemId: string }
  | { kind: 'load'; threadId: string };

export interface ChatFailure {
  code: string;
  message: string;
  retry: RetryAction | null;
}

export interface ChatControllerHooks {
  onThreadChange(threadId: string | null, title: string | null): void;
  onResponseStart(threadId: string | null): void;
  onResponseEnd(detail: {
    threadId: string | null;
    itemId: string | null;
    text: string;
    reason: 'complete' | 'stopped' | 'error';
  }): void;
  onError(code: string, message: string, source: 'stream' | 'request', error?: unknown): void;
  /** A message that never reached the server: give its text back to the composer. */
  onRestoreDraft(text: string): void;
  /** An assistant message finished: announce it to screen readers. */
  onAnnounce(text: string, itemId: string): void;
}

const HISTORY_PAGE = 20;
/** Upper bound on item pages loaded when opening a long thread. */
const MAX_ITEM_PAGES = 20;

let localIds = 0;
const isAbort = (error: unknown) =>
  error instanceof DOMException
    ? error.name === 'AbortError'
    : (error as { name?: string } | null)?.name === 'AbortError';

const errorCode = (error: unknown) => (error as { code?: string } | null)?.code ?? 'ERR_UNKNOWN';

export const messageText = (message: ChatMessage) => message.parts.join('\n\n');

export class ChatController implements ReactiveController {
  threadId: string | null = null;
  title: string | null = null;
  /** `locked` disables the composer, `closed` replaces it with a banner. */
  threadStatus: ThreadStatus | null = null;
  messages: ChatMessage[] = [];
  streaming = false;
  allowCancel = true;
  progress: string | null = null;
  notice: string | null = null;
  failure: ChatFailure | null = null;
  /** Loading a thread (show a spinner instead of the start screen). */
  loadingThread = false;

  history: ThreadMetadata[] = [];
  historyLoaded = false;
  historyLoading = false;
  historyAfter: string | null = null;
  historyHasMore = false;
  historyError: string | null = null;

  transport: ChatTransport | null = null;

  private abort: AbortController | null = null;
  /** Bumped by every run and thread switch so late results of older ones are ignored. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: ChatControllerHooks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** A pending once-per-frame render of streamed text (see `changedSoon`). */
  private frame: (() => void) | null = null;

  /** Renders now (in Lit's next microtask); drops a pending per-frame render. */
  private changed() {
    this.frame?.();
    this.frame = null;
    this.host.requestUpdate();
  }

  /**
   * Renders at the next animation frame at most. Text deltas arrive faster than
   * frames (hundreds a second); one render and one layout per delta blocked the
   * main thread. Every other event, and the end of a run, renders at once.
   */
  private changedSoon() {
    if (this.frame) return;
    const render = () => {
      this.frame = null;
      this.host.requestUpdate();
    };
    if (typeof requestAnimationFrame === 'function') {
      const id = requestAnimationFrame(render);
      this.frame = () => cancelAnimationFrame(id);
    } else {
      const id = setTimeout(render, 16);
      this.frame = () => clearTimeout(id);
    }
  }

  // ------------------------------------------------------------------ sending

  /** Sends a user message: creates the thread on the first one. */
  async send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.streaming || !this.transport) return;
    const input: UserMessageInput = {
      content: [{ type: 'input_text', text: trimmed }],
      attachments: [],
      // What ChatKit's own client sends when nothing is quoted.
      quoted_text: '',
      inference_options: {},
    };
    const local: ChatMessage = {
      id: `local-${++localIds}`,
      role: 'user',
      parts: [trimmed],
      status: 'pending',
    };
    this.messages = [...this.messages, local];
    const request: StreamingRequest = this.threadId
      ? { type: 'threads.add_user_message', params: { thread_id: this.threadId, input } }
      : { type: 'threads.create', params: { input } };
    await this.run(request, local);
  }

  /** Runs the failure's retry action. */
  async retry(): Promise<void> {
    const action = this.failure?.retry;
    if (!action || this.streaming) return;
    this.failure = null;
    if (action.kind === 'load') {
      await this.openThread(action.threadId);
      return;
    }
    if (action.kind === 'resend') {
      await this.send(action.text);
      return;
    }
    // The server drops everything after the user message; so do we.
    const index = this.messages.findIndex((m) => m.id === action.itemId);
    if (index >= 0) this.messages = this.messages.slice(0, index + 1);
    await this.run({
      type: 'threads.retry_after_item',
      params: { thread_id: action.threadId, item_id: action.itemId },
    });
  }

  /** Aborts the running response; its partial text stays. */
  stop(): void {
    this.abort?.abort();
  }

  private async run(request: StreamingRequest, local?: ChatMessage): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const generation = ++this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.streaming = true;
    this.allowCancel = true;
    this.failure = null;
    this.notice = null;
    this.progress = null;
    this.changed();
    this.hooks.onResponseStart(this.threadId);

    // The user message id the server confirmed (retry target).
    let userItemId: string | null =
      request.type === 'threads.retry_after_item' ? request.params.item_id : null;
    let lastAssistant: ChatMessage | null = null;
    let reason: 'complete' | 'stopped' | 'error' = 'complete';
    const current = () => generation === this.generation;

    try {
      for await (const event of transport.stream(request, { signal: abort.signal })) {
        if (!current()) break;
        if (event.type === 'thread.item.done' && event.item.type === 'user_message') {
          userItemId = event.item.id;
          if (local) {
            this.replace(local.id, toMessage(event.item)!);
            local = undefined;
            continue;
          }
        }
        if (event.type === 'error') {
          reason = 'error';
          const message = event.message || defaultStreamMessage(event.code);
          this.failure = {
            code: event.code,
            message,
            retry:
              event.allow_retry && this.threadId && userItemId
                ? { kind: 'retry', threadId: this.threadId, itemId: userItemId }
                : null,
          };
          this.hooks.onError(event.code, message, 'stream');
          continue;
        }
        const assistant = this.apply(event);
        if (assistant) lastAssistant = assistant;
        if (event.type === 'thread.item.updated') this.changedSoon();
        else this.changed();
      }
    } catch (error) {
      if (!current()) return;
      if (isAbort(error)) {
        reason = 'stopped';
      } else {
        reason = 'error';
        const code = errorCode(error);
        const message = describeError(error);
        this.failure = { code, message, retry: null };
        if (userItemId && this.threadId) {
          this.failure.retry = { kind: 'retry', threadId: this.threadId, itemId: userItemId };
        } else if (local) {
          this.failure.retry = { kind: 'resend', text: messageText(local) };
        }
        this.hooks.onError(code, message, 'stream', error);
      }
      // A user message the server never saw is taken back into the composer.
      if (local && !userItemId) {
        this.messages = this.messages.filter((m) => m.id !== local!.id);
        this.hooks.onRestoreDraft(messageText(local));
      }
    }
    if (!current()) return;
    // Anything still streaming stops where it is.
    for (const message of this.messages) {
      if (message.status === 'streaming')
        message.status = reason === 'stopped' ? 'stopped' : 'done';
    }
    if (local && userItemId === null && reason === 'complete') {
      // The stream ended without confirming the message: treat as a failed send.
      this.messages = this.messages.filter((m) => m.id !== local!.id);
    }
    this.messages = [...this.messages];
    this.streaming = false;
    this.progress = null;
    this.abort = null;
    this.changed();
    this.hooks.onResponseEnd({
      threadId: this.threadId,
      itemId: lastAssistant?.id ?? null,
      text: lastAssistant ? messageText(lastAssistant) : '',
      reason,
    });
  }

  private replace(id: string, next: ChatMessage) {
    this.messages = this.messages.map((m) => (m.id === id ? next : m));
  }

  /** Applies one stream event; returns the assistant message it touched, if any. */
  private apply(event: ThreadStreamEvent): ChatMessage | null {
    switch (event.type) {
      case 'thread.created':
      case 'thread.updated': {
        const created = event.type === 'thread.created';
        if (created) this.threadId = event.thread.id;
        if (event.thread.id !== this.threadId) return null;
        this.title = event.thread.title ?? null;
        this.threadStatus = event.thread.status;
        this.upsertHistory(event.thread);
        this.hooks.onThreadChange(this.threadId, this.title);
        return null;
      }
      case 'stream_options':
        this.allowCancel = event.stream_options.allow_cancel;
        return null;
      case 'progress_update':
        this.progress = event.text;
        return null;
      case 'notice':
        this.notice = event.title ? `${event.title}: ${event.message}` : event.message;
        return null;
      case 'thread.item.added':
      case 'thread.item.done':
      case 'thread.item.replaced': {
        const message = toMessage(event.item);
        if (!message) return null;
        if (event.type === 'thread.item.added') message.status = 'streaming';
        const exists = this.messages.some((m) => m.id === message.id);
        this.messages = exists
          ? this.messages.map((m) => (m.id === message.id ? message : m))
          : [...this.messages, message];
        if (message.role === 'assistant') {
          this.progress = null;
          if (event.type === 'thread.item.done') {
            // Render first: the announcement reads the rendered reply after the update.
            this.changed();
            this.hooks.onAnnounce(messageText(message), message.id);
          }
          return message;
        }
        return null;
      }
      case 'thread.item.updated': {
        const message = this.messages.find((m) => m.id === event.item_id);
        if (!message) return null;
        const next = { ...message, parts: applyUpdate(message.parts, event.update) };
        this.replace(message.id, next);
        this.progress = null;
        return next;
      }
      case 'thread.item.removed':
        this.messages = this.messages.filter((m) => m.id !== event.item_id);
        return null;
      default:
        return null;
    }
  }

  // ------------------------------------------------------------------ threads

  /** Starts a new, empty conversation (the thread is created by its first message). */
  newThread(): void {
    this.switchThread(null);
  }

  /**
   * Leaves the current conversation for `threadId` (null: a new one): stops a
   * running response, clears messages, title, status and notices, marks a stored
   * thread as loading, and tells the host. Returns the new generation, which
   * work for the conversation left behind no longer matches.
   */
  private switchThread(threadId: string | null): number {
    const generation = ++this.generation;
    this.abort?.abort();
    this.abort = null;
    this.streaming = false;
    this.threadId = threadId;
    this.title = null;
    this.threadStatus = null;
    this.messages = [];
    this.failure = null;
    this.progress = null;
    this.notice = null;
    this.loadingThread = threadId !== null;
    this.changed();
    this.hooks.onThreadChange(threadId, null);
    return generation;
  }

  /** Loads a stored thread and all its items. */
  async openThread(threadId: string): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    if (threadId === this.threadId && !this.loadingThread && this.messages.length) return;
    const generation = this.switchThread(threadId);
    try {
      const thread = await transport.request({
        type: 'threads.get_by_id',
        params: { thread_id: threadId },
      });
      if (generation !== this.generation) return;
      const items = [...thread.items.data];
      let page: Page<ThreadItem> = thread.items;
      for (let i = 0; page.has_more && page.after && i < MAX_ITEM_PAGES; i++) {
        page = await transport.request({
          type: 'items.list',
          params: { thread_id: threadId, order: 'asc', limit: 50, after: page.after },
        });
        if (generation !== this.generation) return;
        items.push(...page.data);
      }
      this.title = thread.title ?? null;
      this.threadStatus = thread.status;
      this.messages = items.map(toMessage).filter((m): m is ChatMessage => m !== null);
      this.hooks.onThreadChange(threadId, this.title);
    } catch (error) {
      if (generation !== this.generation) return;
      const code = errorCode(error);
      const message = describeError(error);
      this.failure = {
        code,
        message: `Could not load this conversation. ${message}`,
        retry: { kind: 'load', threadId },
      };
      this.hooks.onError(code, message, 'request', error);
    } finally {
      if (generation === this.generation) {
        this.loadingThread = false;
        this.changed();
      }
    }
  }

  /** Loads the first (reset) or next page of the history list. */
  async loadHistory(reset = false): Promise<void> {
    const transport = this.transport;
    if (!transport || this.historyLoading) return;
    if (!reset && this.historyLoaded && !this.historyHasMore) return;
    this.historyLoading = true;
    this.historyError = null;
    this.changed();
    try {
      const page = await transport.request({
        type: 'threads.list',
        params: {
          limit: HISTORY_PAGE,
          order: 'desc',
          ...(!reset && this.historyAfter ? { after: this.historyAfter } : {}),
        },
      });
      this.history = reset ? page.data : [...this.history, ...page.data];
      this.historyHasMore = page.has_more;
      this.historyAfter = page.after ?? null;
      this.historyLoaded = true;
    } catch (error) {
      this.historyError = describeError(error);
      this.hooks.onError(errorCode(error), this.historyError, 'request', error);
    } finally {
      this.historyLoading = false;
      this.changed();
    }
  }

  async renameThread(threadId: string, title: string): Promise<boolean> {
    if (!this.transport || !title.trim()) return false;
    try {
      const thread = await this.transport.request({
        type: 'threads.update',
        params: { thread_id: threadId, title: title.trim() },
      });
      this.upsertHistory(thread);
      if (threadId === this.threadId) {
        this.title = thread.title ?? null;
        this.hooks.onThreadChange(this.threadId, this.title);
      }
      this.changed();
      return true;
    } catch (error) {
      this.historyError = `Could not rename: ${describeError(error)}`;
      this.changed();
      return false;
    }
  }

  async deleteThread(threadId: string): Promise<boolean> {
    if (!this.transport) return false;
    try {
      await this.transport.request({ type: 'threads.delete', params: { thread_id: threadId } });
      this.history = this.history.filter((t) => t.id !== threadId);
      if (threadId === this.threadId) this.newThread();
      this.changed();
      return true;
    } catch (error) {
      this.historyError = `Could not delete: ${describeError(error)}`;
      this.changed();
      return false;
    }
  }

  /** Forget everything user-specific (sign-out, a different backend). */
  reset(): void {
    this.newThread();
    this.history = [];
    this.historyLoaded = false;
    this.historyAfter = null;
    this.historyHasMore = false;
    this.historyError = null;
  }

  private upsertHistory(thread: ThreadMetadata) {
    const { id, title, created_at, status, metadata } = thread;
    const entry: ThreadMetadata = { id, created_at, status, metadata, ...(title ? { title } : {}) };
    const index = this.history.findIndex((t) => t.id === thread.id);
    if (index >= 0) this.history = this.history.map((t, i) => (i === index ? entry : t));
    else if (this.historyLoaded) this.history = [entry, ...this.history];
  }
}

/** The widget shows user and assistant messages; other item types are skipped. */
function toMessage(item: ThreadItem): ChatMessage | null {
  if (item.type === 'user_message') {
    const text = item.content
      .map((c) => (c.type === 'input_text' ? c.text : c.type === 'input_tag' ? `@${c.text}` : ''))
      .join('');
    return { id: item.id, role: 'user', parts: [text], status: 'done' };
  }
  if (item.type === 'assistant_message') {
    return {
      id: item.id,
      role: 'assistant',
      parts: item.content.map((c) => c.text),
      status: 'done',
    };
  }
  return null;
}

function applyUpdate(parts: string[], update: ThreadItemUpdate): string[] {
  if (!update.type.startsWith('assistant_message.')) return parts;
  const next = [...parts];
  if (!('content_index' in update)) return parts;
  const index = update.content_index;
  while (next.length <= index) next.push('');
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      next[index] = update.content.text;
      break;
    case 'assistant_message.content_part.text_delta':
      next[index] += update.delta;
      break;
    default:
      break;
  }
  return next;
}

function defaultStreamMessage(code: string): string {
  return code === 'stream.error'
    ? 'Something went wrong while answering.'
    : 'The response could not be completed.';
}

/** A short, user-facing description of a failure (never a stack). */
export function describeError(error: unknown): string {
  const e = error as { code?: string; status?: number; message?: string } | null;
  if (e?.code === 'ERR_SIGNED_OUT') return 'You are signed out.';
  if (e?.code === 'ERR_CONNECTION' || e instanceof TypeError)
    return 'The connection was lost. Check your network and try again.';
  if (e?.code === 'ERR_HTTP' && typeof e.status === 'number') {
    if (e.status === 401 || e.status === 403) return 'Your session is not valid any more.';
    if (e.status === 429) return 'Too many requests. Wait a moment and try again.';
    if (e.status >= 500) return `The server had a problem (${e.status}). Try again.`;
    return `The request failed (${e.status}).`;
  }
  if (e?.code === 'ERR_NETWORK') return 'The network is unavailable. Try again.';
  return 'Something went wrong. Try again.';
}
