// Store objects → wire objects: server-private fields stripped, key order as
// the Python SDK writes them (title first on threads), hidden items removed.
import type { Attachment, Page, Thread, ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import { HIDDEN_ITEM_TYPES } from '@chat-widget/protocol';

const HIDDEN: readonly string[] = HIDDEN_ITEM_TYPES;

export const isHidden = (item: ThreadItem): boolean => HIDDEN.includes(item.type);

export function wireThread(thread: ThreadMetadata, items?: Page<ThreadItem>): Thread {
  const wire: Record<string, unknown> = {};
  if (thread.title !== undefined && thread.title !== null) wire.title = thread.title;
  wire.id = thread.id;
  wire.created_at = thread.created_at;
  wire.status = thread.status;
  if (thread.allowed_image_domains) wire.allowed_image_domains = thread.allowed_image_domains;
  wire.metadata = {}; // server-private: never sent
  wire.items = items ?? { data: [], has_more: false };
  return wire as unknown as Thread;
}

/** A page with hidden items filtered out (after paging, so a page may be short). */
export function wireItems(page: Page<ThreadItem>): Page<ThreadItem> {
  const wire: Page<ThreadItem> = {
    data: page.data.filter((item) => !isHidden(item)),
    has_more: page.has_more,
  };
  if (page.after !== undefined) wire.after = page.after;
  return wire;
}

/** An attachment as embedded in a message or returned after upload: without its upload descriptor. */
export function wireAttachment(attachment: Attachment): Attachment {
  const { upload_descriptor: _descriptor, ...rest } = attachment;
  return rest as Attachment;
}
