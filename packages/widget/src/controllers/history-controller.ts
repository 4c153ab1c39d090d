/**
 * The history list: pages of the user's threads, rename and delete. State is
 * read-only for the panel (members `_`-prefixed: the build shortens them). Every load carries a call id, so a slow page that
 * was overtaken (another load, a reset) never lands on top of a newer one.
 */
import type { ThreadMetadata } from '@chat-widget/protocol';
import { type ChatFailure, classify, type FailureContext } from './failure.js';
import type { ChatTransport, UpdateHost } from './transport.js';

const PAGE = 20;

export interface HistoryHooks {
  _onError(failure: ChatFailure, error: unknown): void;
  /** A thread was deleted. */
  _onDeleted(threadId: string): void;
  /** A thread was renamed. */
  _onRenamed(thread: ThreadMetadata): void;
}

export class HistoryController {
  _threads: ThreadMetadata[] = [];
  _loaded = false;
  _loading = false;
  private _after: string | null = null;
  _hasMore = false;
  _failure: ChatFailure | null = null;
  /** Bumped by every load and reset: results of older calls are dropped. */
  private _call = 0;

  _transport: ChatTransport | null = null;

  constructor(
    private readonly _host: UpdateHost,
    private readonly _hooks: HistoryHooks,
  ) {}

  private _failed(context: FailureContext, error: unknown) {
    this._failure = { ...classify(error), context, retry: null };
    this._hooks._onError(this._failure, error);
  }

  /** Loads the first page (`reset`) or the next one. */
  async _load(reset = false): Promise<void> {
    const transport = this._transport;
    if (!transport) return;
    if (!reset && (this._loading || (this._loaded && !this._hasMore))) return;
    const call = ++this._call;
    this._loading = true;
    this._failure = null;
    this._host.requestUpdate();
    try {
      const page = await transport.request({
        type: 'threads.list',
        params: {
          limit: PAGE,
          order: 'desc',
          ...(!reset && this._after ? { after: this._after } : {}),
        },
      });
      if (call !== this._call) return;
      this._threads = reset ? page.data : [...this._threads, ...page.data];
      this._hasMore = page.has_more;
      this._after = page.after ?? null;
      this._loaded = true;
    } catch (error) {
      if (call !== this._call) return;
      this._failed('history', error);
    } finally {
      if (call === this._call) {
        this._loading = false;
        this._host.requestUpdate();
      }
    }
  }

  /** Runs a rename or delete with the transport: true when it went through. */
  private async _change(
    context: FailureContext,
    run: (transport: ChatTransport) => Promise<void>,
  ): Promise<boolean> {
    const transport = this._transport;
    if (!transport) return false;
    try {
      await run(transport);
      return true;
    } catch (error) {
      this._failed(context, error);
      return false;
    } finally {
      this._host.requestUpdate();
    }
  }

  async _rename(threadId: string, title: string): Promise<boolean> {
    title = title.trim();
    return (
      !!title &&
      this._change('rename', async (transport) => {
        const thread = await transport.request({
          type: 'threads.update',
          params: { thread_id: threadId, title },
        });
        this._upsert(thread);
        this._hooks._onRenamed(thread);
      })
    );
  }

  _remove(threadId: string): Promise<boolean> {
    return this._change('delete', async (transport) => {
      await transport.request({ type: 'threads.delete', params: { thread_id: threadId } });
      this._threads = this._threads.filter((t) => t.id !== threadId);
      this._hooks._onDeleted(threadId);
    });
  }

  /** A thread was created or changed: update its row (or add it on top once loaded). */
  _upsert(thread: ThreadMetadata): void {
    const { id, title, created_at, status, metadata } = thread;
    const entry: ThreadMetadata = { id, created_at, status, metadata, ...(title ? { title } : {}) };
    const index = this._threads.findIndex((t) => t.id === id);
    if (index >= 0) this._threads = this._threads.map((t, i) => (i === index ? entry : t));
    else if (this._loaded) this._threads = [entry, ...this._threads];
  }

  /** Marks the list stale: the next open loads it again. */
  _invalidate(): void {
    this._loaded = false;
  }

  /** Forgets everything (sign-out, a different backend); drops loads in flight. */
  _clear(): void {
    this._call++;
    this._threads = [];
    this._loaded = false;
    this._loading = false;
    this._after = null;
    this._hasMore = false;
    this._failure = null;
    this._host.requestUpdate();
  }
}
