// The storage contract of the ChatKit handler. Every method is async and scoped
// by the verified user id, so a SQL implementation can add `WHERE user_id = ?`
// to every statement; lists page with an opaque `after` cursor (the id of the
// last element of the previous page), which maps onto keyset pagination.
import type {
  Attachment,
  FeedbackKind,
  Page,
  SortOrder,
  ThreadItem,
  ThreadMetadata,
} from '@chat-widget/protocol';
import { ChatKitRequestError } from './errors.js';

export interface ListOptions {
  /** Page size, ≥ 1. */
  limit: number;
  /** Creation order. */
  order: SortOrder;
  /** Cursor from the previous page's `after`; absent for the first page. */
  after?: string | undefined;
}

/** An attachment as stored: the wire object plus server-only fields. */
export interface StoredAttachment {
  attachment: Attachment;
  /** Declared size from `attachments.create`, in bytes. */
  size: number;
  /** Whether the bytes arrived (two-phase upload done). */
  uploaded: boolean;
  created_at: string;
}

/** Thrown by stores for a cursor that names no element of the list (→ 400). */
export class InvalidCursorError extends ChatKitRequestError {
  override name = 'InvalidCursorError';
  declare readonly code: 'ERR_INVALID_CURSOR';
  constructor(cursor: string) {
    super(
      400,
      'ERR_INVALID_CURSOR',
      `Unknown pagination cursor "after": ${JSON.stringify(cursor).slice(0, 80)}`,
    );
  }
}

/** What an `Idempotency-Key` stands for: the thread and turn its first request started. */
export interface IdempotencyRecord {
  thread_id: string;
  /** The turn's id when the handler has a turn log. */
  turn_id?: string;
}

export interface ChatKitStore {
  /** Saves a new thread owned by `userId`. */
  createThread(userId: string, thread: ThreadMetadata): Promise<void>;
  /**
   * Optional but recommended: saves a new thread and its first items at once
   * (one transaction: either all of it is written or nothing). Without it the
   * handler calls `createThread` + `addItem` and deletes the thread when an
   * item cannot be written. See {@link createThreadWithItems}.
   */
  createThreadWithItems?(
    userId: string,
    thread: ThreadMetadata,
    items: ThreadItem[],
  ): Promise<void>;
  /** The thread if it exists AND belongs to `userId`. */
  loadThread(userId: string, threadId: string): Promise<ThreadMetadata | undefined>;
  /** Replaces a thread's metadata (title, status, …); no-op if not owned. */
  updateThread(userId: string, thread: ThreadMetadata): Promise<void>;
  /** Deletes a thread with its items, feedback and attachments; false if not owned. */
  deleteThread(userId: string, threadId: string): Promise<boolean>;
  /** The user's threads in creation order. */
  listThreads(userId: string, options: ListOptions): Promise<Page<ThreadMetadata>>;

  /** Appends an item to an owned thread. */
  addItem(userId: string, threadId: string, item: ThreadItem): Promise<void>;
  /** Replaces an item in place (same id, same position); appends when absent. */
  saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void>;
  loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem | undefined>;
  deleteItem(userId: string, threadId: string, itemId: string): Promise<void>;
  /** Items of an owned thread in creation order, hidden ones included. */
  listItems(userId: string, threadId: string, options: ListOptions): Promise<Page<ThreadItem>>;

  /** Records thumbs up/down (last vote wins). */
  saveFeedback(
    userId: string,
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
  ): Promise<void>;
  /** The recorded vote for an item, if any. */
  loadFeedback(userId: string, threadId: string, itemId: string): Promise<FeedbackKind | undefined>;

  /** Inserts or replaces an attachment record. */
  saveAttachment(userId: string, record: StoredAttachment): Promise<void>;
  loadAttachment(userId: string, attachmentId: string): Promise<StoredAttachment | undefined>;
  /** Deletes the record and its bytes; false if not owned. */
  deleteAttachment(userId: string, attachmentId: string): Promise<boolean>;
  saveAttachmentData(userId: string, attachmentId: string, data: Uint8Array): Promise<void>;
  loadAttachmentData(userId: string, attachmentId: string): Promise<Uint8Array | undefined>;

  /**
   * Optional: moves everything `fromUserId` owns (threads, items, feedback,
   * attachments) to `toUserId` at once — e.g. when a Better Auth guest links a
   * real account and gets a new user id. Returns the number of threads moved.
   */
  transferThreads?(fromUserId: string, toUserId: string): Promise<number>;

  /**
   * Optional (all three built-in stores have it): records `key` for `userId` unless it is
   * already known and younger than `ttlMs`. Returns undefined when this call recorded it
   * (the request goes ahead), else the earlier record (the request is a resend). Atomic:
   * of two concurrent calls with one key, exactly one records it.
   */
  claimIdempotencyKey?(
    userId: string,
    key: string,
    record: IdempotencyRecord,
    ttlMs: number,
  ): Promise<IdempotencyRecord | undefined>;
  /** Forgets a key whose request failed before it changed anything (so a resend may retry). */
  releaseIdempotencyKey?(userId: string, key: string): Promise<void>;
}

/**
 * Writes a new thread with its first items, all or nothing: the store's own
 * `createThreadWithItems` when it has one, else `createThread` + `addItem`
 * with the thread deleted again when an item fails (no empty thread is left
 * behind by a request that failed).
 */
export async function createThreadWithItems(
  store: ChatKitStore,
  userId: string,
  thread: ThreadMetadata,
  items: ThreadItem[],
): Promise<void> {
  if (store.createThreadWithItems) return store.createThreadWithItems(userId, thread, items);
  await store.createThread(userId, thread);
  try {
    for (const item of items) await store.addItem(userId, thread.id, item);
  } catch (error) {
    await store.deleteThread(userId, thread.id).catch(() => {});
    throw error;
  }
}

/** Slices one page out of an ordered list (helper for simple stores). */
export function pageOf<T extends { id: string }>(ordered: T[], options: ListOptions): Page<T> {
  const list = options.order === 'desc' ? [...ordered].reverse() : ordered;
  let start = 0;
  if (options.after !== undefined) {
    const index = list.findIndex((element) => element.id === options.after);
    if (index < 0) throw new InvalidCursorError(options.after);
    start = index + 1;
  }
  const data = list.slice(start, start + options.limit);
  const has_more = start + options.limit < list.length;
  const page: Page<T> = { data, has_more };
  if (has_more && data.length > 0) page.after = data[data.length - 1]!.id;
  return page;
}
