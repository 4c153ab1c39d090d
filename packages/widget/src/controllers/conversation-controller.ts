// Over 450 lines for now: one state machine for the running response (send, stream,
// client tools, actions, retry, feedback, paging) sharing its call-id guard; paging and
// feedback are the next candidates to move into their own controllers.
/**
 * The conversation shown: its items folded by @chat-widget/protocol's reducer,
 * the running response (one at a time, abortable, client tools answered in
 * between), the inline failure with its retry action. State is read-only for
 * the element: it calls methods, never writes fields.
 */
import {
  type Action,
  type AddStructuredInputParams,
  type Attachment,
  addPendingUserMessage,
  applyStreamEvent,
  ChatKitHttpError,
  type ClientToolCallItem,
  createThreadState,
  createUserMessageInput,
  endRun,
  type FeedbackKind,
  type Page,
  type ResumeThreadRequest,
  removeItem,
  type StreamingRequest,
  startRun,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadState,
  type ThreadStatus,
  type UserMessageInputOptions,
} from '@chat-widget/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  type ChatErrorCode,
  type ChatFailure,
  classify,
  type FailureContext,
  type FailureInfo,
  type RetryAction,
} from './failure.js';
import { idempotencyKey, sendWhenOnline } from './offline-queue.js';
import type { ChatTransport } from './transport.js';

type Request = StreamingRequest | ResumeThreadRequest;
/** A user message being sent: its local id, text and idempotency key. */
type Local = { id: string; text: string; key: string };

/** A client tool call for the host to run (see `onClientTool`). */
export interface ClientToolCall {
  name: string;
  params: Record<string, unknown>;
  threadId: string;
  itemId: string;
}

export interface ConversationHooks {
  onThreadChange(threadId: string | null, title: string | null): void;
  /** The thread's metadata changed (created, renamed, status): keep lists in step. */
  onThreadMetadata(thread: ThreadMetadata): void;
  onResponseStart(threadId: string | null): void;
  onResponseEnd(detail: {
    threadId: string | null;
    itemId: string | null;
    text: string;
    reason: 'complete' | 'stopped' | 'error';
  }): void;
  onError(failure: ChatFailure, source: 'stream' | 'request', error?: unknown): void;
  /** A message that never reached the server: give its text back to the composer. */
  onRestoreDraft(text: string): void;
  /** An assistant message finished: announce it to screen readers. */
  onAnnounce(itemId: string): void;
  /** Runs a client tool; resolves its result, rejects with its failure. */
  onClientTool(call: ClientToolCall): Promise<unknown>;
  /** A `client_effect` event. */
  onEffect(name: string, data: Record<string, unknown>): void;
  /** The server stored the user's feedback on a reply. */
  onFeedback(detail: { threadId: string; itemIds: string[]; kind: FeedbackKind }): void;
}

/** Items per page when opening a thread and when loading older ones. */
export const ITEM_PAGE = 40;
/** Upper bound on client tool round trips in one response. */
const MAX_TOOL_ROUNDS = 8;

let localIds = 0;

/** Plain text of an item's visible content (assistant parts joined, user text). */
export function itemText(item: ThreadItem): string {
  if (item.type === 'assistant_message') return item.content.map((c) => c.text).join('\n\n');
  if (item.type === 'user_message')
    return item.content.map((c) => (c.type === 'input_tag' ? `@${c.text}` : c.text)).join('');
  return '';
}

export class ConversationController implements ReactiveController {
  private _state: ThreadState = createThreadState();
  private _threadId: string | null = null;
  private _running = false;
  private _failure: ChatFailure | null = null;
  private _loading = false;
  private _feedback = new Map<string, FeedbackKind>();
  /** Cursor of the next older page (`items.list` order desc), null: the oldest item is shown. */
  private _olderCursor: string | null = null;
  private _loadingOlder = false;
  private _queued: string | null = null;
  /** Bumped by every thread switch only (a run does not abandon a page of older items). */
  private _threadEpoch = 0;

  /** The thread's items and run state (the protocol reducer's). */
  get state(): ThreadState {
    return this._state;
  }
  get threadId(): string | null {
    return this._threadId;
  }
  get title(): string | null {
    return this._state.thread?.title ?? null;
  }
  /** `locked` disables the composer, `closed` replaces it with a banner. */
  get threadStatus(): ThreadStatus | null {
    return this._state.thread?.status ?? null;
  }
  /** A response is running. */
  get streaming(): boolean {
    return this._running;
  }
  get allowCancel(): boolean {
    return this._state.streamOptions?.allow_cancel ?? true;
  }
  get failure(): ChatFailure | null {
    return this._failure;
  }
  /** The local id of a message waiting for the network (see offline-queue.ts), or null. */
  get queued(): string | null {
    return this._queued;
  }
  /** Loading a thread (show a spinner instead of the start screen). */
  get loading(): boolean {
    return this._loading;
  }

  /** Older items of this thread are still on the server (see `loadOlder`). */
  get hasOlder(): boolean {
    return this._olderCursor !== null;
  }
  /** A page of older items is being loaded. */
  get loadingOlder(): boolean {
    return this._loadingOlder;
  }

  /** Feedback the user gave in this thread, by assistant item id (the protocol stores no state to read back). */
  get feedback(): ReadonlyMap<string, FeedbackKind> {
    return this._feedback;
  }

  /**
   * The user message whose reply Retry answers again: the latest one, when a
   * reply follows it, no response runs and the server has it (not a local id).
   */
  get retryTarget(): string | null {
    if (this._running || !this._threadId) return null;
    const items = this._state.items;
    let reply = false;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.type === 'user_message')
        return reply && !item.id.startsWith('local-') ? item.id : null;
      if (item.type === 'assistant_message') reply = true;
    }
    return null;
  }

  transport: ChatTransport | null = null;

  private _abort: AbortController | null = null;
  /** Bumped by every run and thread switch so late results of older ones are ignored. */
  private _generation = 0;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _hooks: ConversationHooks,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    // Not a Stop: a server that resumes replies finishes this one for when we are back.
    this._abort?.abort();
  }

  /** A pending once-per-frame render of streamed text (see `changedSoon`). */
  private _frame: (() => void) | null = null;

  /** Renders now (in Lit's next microtask); drops a pending per-frame render. */
  private _changed() {
    this._frame?.();
    this._frame = null;
    this._host.requestUpdate();
  }

  /**
   * Renders at the next animation frame at most. Deltas arrive faster than frames
   * (hundreds a second); one render per delta blocked the main thread. Every other
   * event, and the end of a run, renders at once.
   */
  private _changedSoon() {
    if (this._frame) return;
    const render = () => this._changed();
    if (typeof requestAnimationFrame === 'function') {
      const id = requestAnimationFrame(render);
      this._frame = () => cancelAnimationFrame(id);
    } else {
      const id = setTimeout(render, 16);
      this._frame = () => clearTimeout(id);
    }
  }

  private _fail(
    info: FailureInfo,
    context: FailureContext,
    retry: RetryAction | null,
    source: 'stream' | 'request',
    error?: unknown,
    detail?: string,
  ) {
    const failure: ChatFailure = { ...info, context, retry };
    if (detail) failure.detail = detail;
    this._failure = failure;
    this._hooks.onError(failure, source, error);
  }

  // ------------------------------------------------------------------ sending

  /** The composer picks (tool, model) of the latest send. */
  private _sentWith: UserMessageInputOptions = {};

  /**
   * Sends a user message (text, uploaded attachments or both): creates the thread on the
   * first one. A retried send keeps the picks, not the files (those went back to the composer).
   * `key`: resend with this idempotency key (a new one per message otherwise).
   */
  async send(
    text: string,
    options: UserMessageInputOptions = this._sentWith,
    attachments: Attachment[] = [],
    key = idempotencyKey(),
  ): Promise<void> {
    const trimmed = text.trim();
    if ((!trimmed && !attachments.length) || this._running || !this.transport) return;
    // A retried send goes out with the same picks (tool, model) as the first attempt.
    this._sentWith = options;
    const input = createUserMessageInput(trimmed, {
      ...options,
      attachments: attachments.map((a) => a.id),
    });
    const localId = `local-${++localIds}`;
    this._state = addPendingUserMessage(this._state, input, localId);
    if (attachments.length)
      this._state = {
        ...this._state,
        items: this._state.items.map((i) => (i.id === localId ? { ...i, attachments } : i)),
      };
    const request: StreamingRequest = this._threadId
      ? { type: 'threads.add_user_message', params: { thread_id: this._threadId, input } }
      : { type: 'threads.create', params: { input } };
    await this._run(request, { id: localId, text: trimmed, key });
  }

  /** Answers (or skips) a pending structured input item. */
  async submitStructuredInput(
    itemId: string,
    input: AddStructuredInputParams['input'],
  ): Promise<void> {
    if (!this._threadId || this._running) return;
    await this._run({
      type: 'threads.add_structured_input',
      params: { thread_id: this._threadId, item_id: itemId, input },
    });
  }

  /**
   * Sends a widget action as `threads.custom_action` and folds its streamed reply in
   * (one response at a time, like a message). Settles when the reply ends.
   */
  async customAction(itemId: string, action: Action): Promise<void> {
    if (!this._threadId || this._running) return;
    await this._run({
      type: 'threads.custom_action',
      params: { thread_id: this._threadId, item_id: itemId, action },
    });
  }

  /**
   * Sends a `streaming: false` widget action as `threads.sync_custom_action` and puts
   * the `updated_item` it answers in place. Allowed while a response streams.
   */
  async syncCustomAction(itemId: string, action: Action): Promise<void> {
    const transport = this.transport;
    const threadId = this._threadId;
    if (!transport || !threadId) return;
    try {
      const answer = await transport.request({
        type: 'threads.sync_custom_action',
        params: { thread_id: threadId, item_id: itemId, action },
      });
      // The user may have opened another thread meanwhile.
      if (answer.updated_item && this._threadId === threadId) {
        this._state = applyStreamEvent(this._state, {
          type: 'thread.item.replaced',
          item: answer.updated_item,
        });
        this._changed();
      }
    } catch (error) {
      if (this._threadId !== threadId) return;
      this._fail(classify(error), 'action', null, 'request', error);
      this._changed();
    }
  }

  /** Runs the failure's retry action. */
  async retry(): Promise<void> {
    const action = this._failure?.retry;
    if (!action || this._running) return;
    this._failure = null;
    switch (action.kind) {
      case 'load':
        await this.openThread(action.threadId);
        return;
      case 'resend':
        await this.send(action.text, undefined, undefined, action.key);
        return;
      case 'new':
        this.newThread();
        if (action.text) await this.send(action.text);
        return;
      case 'retry':
        await this._retryAfter(action.threadId, action.itemId);
    }
  }

  /** Answers the latest user message again (see `retryTarget`), replacing its reply. */
  async retryLatest(): Promise<void> {
    const itemId = this.retryTarget;
    if (!itemId || !this._threadId) return;
    this._failure = null;
    await this._retryAfter(this._threadId, itemId);
  }

  private async _retryAfter(threadId: string, itemId: string): Promise<void> {
    // The server drops everything after the user message; so do we.
    const index = this._state.items.findIndex((i) => i.id === itemId);
    if (index >= 0) {
      for (const item of this._state.items.slice(index + 1)) this._feedback.delete(item.id);
      this._state = { ...this._state, items: this._state.items.slice(0, index + 1) };
    }
    await this._run({
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: itemId },
    });
  }

  /**
   * Rates a reply (`items.feedback`). Shown at once; taken back if the server
   * refuses it. Choosing the kind already chosen does nothing.
   */
  async sendFeedback(itemIds: string[], kind: FeedbackKind): Promise<void> {
    const threadId = this._threadId;
    const transport = this.transport;
    if (!threadId || !transport || itemIds.length === 0) return;
    if (itemIds.every((id) => this._feedback.get(id) === kind)) return;
    const before = new Map(this._feedback);
    const generation = this._generation;
    this._feedback = new Map(this._feedback);
    for (const id of itemIds) this._feedback.set(id, kind);
    this._changed();
    try {
      await transport.request({
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: itemIds, kind },
      });
      if (threadId === this._threadId) this._hooks.onFeedback({ threadId, itemIds, kind });
    } catch (error) {
      if (threadId !== this._threadId) return;
      this._feedback = before;
      if (generation === this._generation)
        this._fail(classify(error), 'feedback', null, 'request', error);
      this._changed();
    }
  }

  /**
   * Aborts the running response; its partial content stays. A server that resumes
   * replies keeps a turn running without readers for a while: tell it to stop.
   */
  stop(): void {
    const transport = this.transport;
    if (this._abort && this._threadId && transport?.resumable && transport.stopThread)
      transport.stopThread(this._threadId).catch(() => {});
    this._abort?.abort();
  }

  private async _run(first: Request, local?: Local): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const generation = ++this._generation;
    const abort = new AbortController();
    this._abort = abort;
    this._running = true;
    this._failure = null;
    this._state = startRun(this._state);
    this._changed();
    this._hooks.onResponseStart(this._threadId);

    // The user message id the server confirmed (retry target).
    let userItemId: string | null =
      first.type === 'threads.retry_after_item'
        ? first.params.item_id
        : first.type === 'threads.resume'
          ? (this._state.items.findLast((i) => i.type === 'user_message')?.id ?? null)
          : null;
    let expired = false;
    let lastAssistant: string | null = null;
    let reason: 'complete' | 'stopped' | 'error' = 'complete';
    const current = () => generation === this._generation;
    let request: Request | null = first;

    for (let round = 0; request && round <= MAX_TOOL_ROUNDS; round++) {
      const sent: Request = request;
      request = null;
      let count = 0;
      let toolCall: ClientToolCallItem | null = null;
      try {
        const events = sendWhenOnline(transport, sent, abort.signal, local?.key, (waiting) => {
          this._queued = waiting ? local!.id : null;
          this._changed();
        });
        for await (const event of events) {
          if (!current()) break;
          count++;
          if (event.type === 'client_effect') {
            this._hooks.onEffect(event.name, event.data ?? {});
            continue;
          }
          const before = this._state;
          this._state = applyStreamEvent(this._state, event);
          switch (event.type) {
            case 'thread.created':
              this._threadId = event.thread.id;
              this._hooks.onThreadMetadata(this._state.thread!);
              this._hooks.onThreadChange(this._threadId, this.title);
              break;
            case 'thread.updated':
              if (event.thread.id === this._threadId) {
                this._hooks.onThreadMetadata(this._state.thread!);
                if (before.thread?.title !== this.title)
                  this._hooks.onThreadChange(this._threadId, this.title);
              }
              break;
            case 'thread.item.done':
              if (event.item.type === 'user_message') userItemId = event.item.id;
              if (event.item.type === 'assistant_message') {
                lastAssistant = event.item.id;
                // Render first: the announcement reads the rendered reply after the update.
                this._changed();
                this._hooks.onAnnounce(event.item.id);
              }
              if (event.item.type === 'client_tool_call' && event.item.status === 'pending')
                toolCall = event.item;
              break;
            case 'thread.item.added':
              if (event.item.type === 'assistant_message') lastAssistant = event.item.id;
              break;
            case 'error': {
              reason = 'error';
              const kind =
                event.code === 'custom' && event.message
                  ? 'custom'
                  : event.code === 'stream.error'
                    ? 'streamError'
                    : 'incomplete';
              this._fail(
                { code: event.code as ChatErrorCode, kind },
                'reply',
                event.allow_retry ? this._retryFor(userItemId) : null,
                'stream',
                undefined,
                event.message,
              );
              break;
            }
          }
          if (event.type === 'thread.item.updated') this._changedSoon();
          else this._changed();
        }
        // A resume finds nothing when the turn ended meanwhile: the thread is as loaded.
        if (current() && count === 0 && !abort.signal.aborted && sent.type !== 'threads.resume') {
          reason = 'error';
          this._fail(
            { code: 'ERR_EMPTY_STREAM', kind: 'emptyStream' },
            'reply',
            this._retryFor(userItemId, local),
            'stream',
          );
        }
      } catch (error) {
        if (!current()) return;
        this._queued = null;
        if (abort.signal.aborted) {
          reason = 'stopped';
        } else if (error instanceof ChatKitHttpError && error.status === 410) {
          // The server no longer keeps the turn: show what it stored instead.
          expired = true;
        } else {
          reason = 'error';
          const info = classify(error);
          const retry: RetryAction | null =
            info.kind === 'notFound' && sent.type !== 'threads.create'
              ? { kind: 'new', text: userItemId ? null : (local?.text ?? null) }
              : this._retryFor(userItemId, local);
          this._fail(info, 'reply', retry, 'stream', error);
        }
      }
      if (!current()) return;
      if (local && !userItemId) {
        // Ended without confirming the message: as if it was never sent. One the server
        // never saw (the run failed or stopped) is taken back into the composer.
        this._state = removeItem(this._state, local.id);
        if (reason !== 'complete') this._hooks.onRestoreDraft(local.text);
      }
      local = undefined;
      if (reason === 'complete' && toolCall && this._threadId) {
        this._state = endRun(this._state);
        this._changed();
        request = await this._runTool(toolCall, this._threadId);
        if (!current()) return;
      }
    }

    this._state = endRun(this._state, reason === 'stopped');
    this._running = false;
    this._abort = null;
    this._changed();
    const last = lastAssistant ? this._state.items.find((i) => i.id === lastAssistant) : undefined;
    this._hooks.onResponseEnd({
      threadId: this._threadId,
      itemId: last?.id ?? null,
      text: last ? itemText(last) : '',
      reason,
    });
    if (expired && this._threadId) await this.openThread(this._threadId, true);
  }

  /** Runs a pending client tool call; returns the request that sends its output. */
  private async _runTool(call: ClientToolCallItem, threadId: string): Promise<StreamingRequest> {
    let result: unknown;
    let failed = false;
    try {
      result = await this._hooks.onClientTool({
        name: call.name,
        params: call.arguments,
        threadId,
        itemId: call.id,
      });
    } catch (error) {
      failed = true;
      result = { error: error instanceof Error ? error.message : String(error) };
      this._hooks.onError(
        { code: 'ERR_CLIENT_TOOL', kind: 'unknown', context: 'reply', retry: null },
        'request',
        error,
      );
    }
    // The server completes the call without an event; show it done (or failed) here.
    this._state = applyStreamEvent(this._state, {
      type: 'thread.item.done',
      item: { ...call, status: 'completed', output: failed ? result : (result ?? null) },
    });
    this._changed();
    return { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } };
  }

  private _retryFor(userItemId: string | null, local?: Local): RetryAction | null {
    if (userItemId && this._threadId)
      return { kind: 'retry', threadId: this._threadId, itemId: userItemId };
    return local ? { kind: 'resend', text: local.text, key: local.key } : null;
  }

  // ------------------------------------------------------------------ threads

  /** Starts a new, empty conversation (the thread is created by its first message). */
  newThread(): void {
    this._switchThread(null);
  }

  /**
   * Leaves the current conversation for `threadId` (null: a new one): stops a
   * running response, clears items and failure, marks a stored thread as loading,
   * and tells the host. Returns the new generation, which work for the
   * conversation left behind no longer matches.
   */
  private _switchThread(threadId: string | null): number {
    const generation = ++this._generation;
    this._threadEpoch++;
    this._olderCursor = null;
    this._loadingOlder = false;
    this._abort?.abort();
    this._abort = null;
    this._running = false;
    this._queued = null;
    this._threadId = threadId;
    this._state = createThreadState();
    this._feedback = new Map();
    this._failure = null;
    this._loading = threadId !== null;
    this._changed();
    this._hooks.onThreadChange(threadId, null);
    return generation;
  }

  /**
   * Loads a stored thread showing its latest page: `threads.get_by_id` (metadata)
   * and `items.list` newest first, side by side. Older pages come with `loadOlder`.
   */
  async openThread(threadId: string, reload = false): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    if (!reload && threadId === this._threadId && !this._loading && this._state.items.length)
      return;
    const generation = this._switchThread(threadId);
    try {
      const [thread, latest] = await Promise.all([
        transport.request({ type: 'threads.get_by_id', params: { thread_id: threadId } }),
        transport.request({
          type: 'items.list',
          params: { thread_id: threadId, order: 'desc', limit: ITEM_PAGE },
        }),
      ]);
      if (generation !== this._generation) return;
      // The whole thread fit in get_by_id's page: that is every item, in order.
      const whole = !thread.items.has_more;
      const data = whole ? thread.items.data : [...latest.data].reverse();
      this._olderCursor = !whole && latest.has_more && latest.after ? latest.after : null;
      this._state = createThreadState({ ...thread, items: { data, has_more: false } });
      this._hooks.onThreadChange(threadId, this.title);
      // A reply is running (the page was reloaded mid-reply): show it as it goes on.
      if (thread.active_turn) {
        this._loading = false;
        void this._run({ type: 'threads.resume', params: { thread_id: threadId } });
      }
    } catch (error) {
      if (generation !== this._generation) return;
      const info = classify(error);
      this._fail(
        info,
        'load',
        info.kind === 'notFound' ? { kind: 'new', text: null } : { kind: 'load', threadId },
        'request',
        error,
      );
    } finally {
      if (generation === this._generation) {
        this._loading = false;
        this._changed();
      }
    }
  }

  /** Loads the next page of older items and puts it above the ones shown. */
  async loadOlder(): Promise<void> {
    const transport = this.transport;
    const threadId = this._threadId;
    const cursor = this._olderCursor;
    if (!transport || !threadId || !cursor || this._loadingOlder || this._loading) return;
    const epoch = this._threadEpoch;
    this._loadingOlder = true;
    this._changed();
    try {
      const page: Page<ThreadItem> = await transport.request({
        type: 'items.list',
        params: { thread_id: threadId, order: 'desc', limit: ITEM_PAGE, after: cursor },
      });
      if (epoch !== this._threadEpoch) return;
      const shown = new Set(this._state.items.map((i) => i.id));
      const older = page.data.filter((i) => !shown.has(i.id)).reverse();
      this._state = { ...this._state, items: [...older, ...this._state.items] };
      this._olderCursor = page.has_more && page.after ? page.after : null;
    } catch (error) {
      if (epoch !== this._threadEpoch) return;
      this._fail(classify(error), 'load', null, 'request', error);
    } finally {
      if (epoch === this._threadEpoch) {
        this._loadingOlder = false;
        this._changed();
      }
    }
  }

  /** The thread was renamed elsewhere (history list): show the new title. */
  setMetadata(thread: ThreadMetadata): void {
    if (thread.id !== this._threadId || !this._state.thread) return;
    this._state = { ...this._state, thread: { ...this._state.thread, ...thread } };
    this._hooks.onThreadChange(this._threadId, this.title);
    this._changed();
  }

  /** Forget everything (sign-out, a different backend). */
  reset(): void {
    this.newThread();
  }
}
