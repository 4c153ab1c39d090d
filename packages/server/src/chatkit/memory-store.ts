// In-memory store for demos and tests. Values are deep-copied in and out so
// callers can never mutate stored state by accident.
import type { FeedbackKind, ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import {
  type ChatKitStore,
  type IdempotencyRecord,
  pageOf,
  type StoredAttachment,
} from './store.js';

interface ThreadRecord {
  thread: ThreadMetadata;
  items: ThreadItem[];
  feedback: Map<string, FeedbackKind>;
}
interface UserRecord {
  threads: Map<string, ThreadRecord>; // insertion order = creation order
  attachments: Map<string, { record: StoredAttachment; data?: Uint8Array }>;
  /** Idempotency keys → what their first request started, with an expiry (epoch ms). */
  keys: Map<string, { record: IdempotencyRecord; expires: number }>;
}

const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryStore(): ChatKitStore {
  const users = new Map<string, UserRecord>();
  const user = (userId: string): UserRecord => {
    let record = users.get(userId);
    if (!record) {
      record = { threads: new Map(), attachments: new Map(), keys: new Map() };
      users.set(userId, record);
    }
    return record;
  };
  const thread = (userId: string, threadId: string) => users.get(userId)?.threads.get(threadId);

  return {
    async createThread(userId, value) {
      user(userId).threads.set(value.id, { thread: copy(value), items: [], feedback: new Map() });
    },
    async createThreadWithItems(userId, value, items) {
      // Copy everything first: a value that cannot be copied leaves nothing behind.
      const record = { thread: copy(value), items: items.map(copy), feedback: new Map() };
      user(userId).threads.set(value.id, record);
    },
    async loadThread(userId, threadId) {
      const record = thread(userId, threadId);
      return record ? copy(record.thread) : undefined;
    },
    async updateThread(userId, value) {
      const record = thread(userId, value.id);
      if (record) record.thread = copy(value);
    },
    async deleteThread(userId, threadId) {
      const owner = users.get(userId);
      if (!owner?.threads.delete(threadId)) return false;
      for (const [id, entry] of owner.attachments) {
        if (entry.record.attachment.thread_id === threadId) owner.attachments.delete(id);
      }
      return true;
    },
    async listThreads(userId, options) {
      const records = [...(users.get(userId)?.threads.values() ?? [])].map((r) => r.thread);
      const page = pageOf(records, options);
      return { ...page, data: page.data.map(copy) };
    },
    async addItem(userId, threadId, item) {
      thread(userId, threadId)?.items.push(copy(item));
    },
    async saveItem(userId, threadId, item) {
      const record = thread(userId, threadId);
      if (!record) return;
      const index = record.items.findIndex((existing) => existing.id === item.id);
      if (index >= 0) record.items[index] = copy(item);
      else record.items.push(copy(item));
    },
    async loadItem(userId, threadId, itemId) {
      const item = thread(userId, threadId)?.items.find((existing) => existing.id === itemId);
      return item ? copy(item) : undefined;
    },
    async deleteItem(userId, threadId, itemId) {
      const record = thread(userId, threadId);
      if (record) record.items = record.items.filter((existing) => existing.id !== itemId);
    },
    async listItems(userId, threadId, options) {
      const page = pageOf(thread(userId, threadId)?.items ?? [], options);
      return { ...page, data: page.data.map(copy) };
    },
    async saveFeedback(userId, threadId, itemIds, kind) {
      const record = thread(userId, threadId);
      if (record) for (const id of itemIds) record.feedback.set(id, kind);
    },
    async loadFeedback(userId, threadId, itemId) {
      return thread(userId, threadId)?.feedback.get(itemId);
    },
    async saveAttachment(userId, record) {
      const attachments = user(userId).attachments;
      const previous = attachments.get(record.attachment.id);
      attachments.set(record.attachment.id, { ...previous, record: copy(record) });
    },
    async loadAttachment(userId, attachmentId) {
      const entry = users.get(userId)?.attachments.get(attachmentId);
      return entry ? copy(entry.record) : undefined;
    },
    async deleteAttachment(userId, attachmentId) {
      return users.get(userId)?.attachments.delete(attachmentId) ?? false;
    },
    async saveAttachmentData(userId, attachmentId, data) {
      const entry = users.get(userId)?.attachments.get(attachmentId);
      if (entry) entry.data = new Uint8Array(data);
    },
    async loadAttachmentData(userId, attachmentId) {
      const data = users.get(userId)?.attachments.get(attachmentId)?.data;
      return data ? new Uint8Array(data) : undefined;
    },
    async transferThreads(fromUserId, toUserId) {
      const from = users.get(fromUserId);
      if (!from || fromUserId === toUserId) return 0;
      const to = user(toUserId);
      // Keep creation order across both users' threads.
      const merged = [...to.threads, ...from.threads].sort(([, a], [, b]) =>
        a.thread.created_at < b.thread.created_at
          ? -1
          : a.thread.created_at > b.thread.created_at
            ? 1
            : 0,
      );
      to.threads = new Map(merged);
      for (const [id, entry] of from.attachments) to.attachments.set(id, entry);
      for (const [key, entry] of from.keys) to.keys.set(key, entry);
      users.delete(fromUserId);
      return from.threads.size;
    },
    async claimIdempotencyKey(userId, key, record, ttlMs) {
      const keys = user(userId).keys;
      const now = Date.now();
      for (const [known, entry] of keys) if (entry.expires <= now) keys.delete(known);
      const earlier = keys.get(key);
      if (earlier) return copy(earlier.record);
      keys.set(key, { record: copy(record), expires: now + ttlMs });
      return undefined;
    },
    async releaseIdempotencyKey(userId, key) {
      users.get(userId)?.keys.delete(key);
    },
  };
}
