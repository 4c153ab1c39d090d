// The `attachments` property as the panel reads it: the element (loaded first) keeps the
// attribute's text as it is, so its parsing loads with the panel.
import type { ChatWidgetAttachments } from '../controllers/uploads.js';

/**
 * The `attachments` attribute: present turns attachments on with the defaults; its
 * value may be the options as JSON (`attachments='{"maxCount":3}'`).
 */
export const attachmentOptions = (
  value: ChatWidgetAttachments | string | null | undefined,
): ChatWidgetAttachments | null => {
  if (value == null || typeof value === 'object') return value ?? null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null) return parsed as ChatWidgetAttachments;
  } catch {
    // Not JSON (e.g. `attachments` alone): the defaults.
  }
  return {};
};
