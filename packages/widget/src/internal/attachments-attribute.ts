// The `attachments` attribute, apart from the upload code: the element (loaded first)
// needs only this; the uploads load with the panel.
import type { ChatWidgetAttachments } from '../controllers/uploads.js';

/**
 * The `attachments` attribute: present turns attachments on with the defaults; its
 * value may be the options as JSON (`attachments='{"maxCount":3}'`).
 */
export const attachmentsConverter = {
  fromAttribute(value: string | null): ChatWidgetAttachments | null {
    if (value === null) return null;
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null) return parsed as ChatWidgetAttachments;
    } catch {
      // Not JSON (e.g. `attachments` alone): the defaults.
    }
    return {};
  },
};
