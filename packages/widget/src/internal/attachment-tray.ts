import { html, nothing } from 'lit';
import {
  acceptAttribute,
  type DraftFile,
  type UploadController,
  type UploadNotice,
} from '../controllers/uploads.js';
import { attachIcon, closeIcon, retryIcon } from '../icons.js';
import { formatSize } from '../items/user-message.js';
import { css } from './element-base.js';
import { type ChatWidgetStrings, format } from './strings.js';

/** The attach button: a real file input (keyboard, screen readers), drawn as an icon button. */
export const renderAttachButton = (
  uploads: UploadController,
  s: ChatWidgetStrings,
  disabled: boolean,
) =>
  html`<label class="icon-button attach" part="attach-button" title=${s.attachFiles}>
    <input
      type="file"
      multiple
      accept=${acceptAttribute(uploads._options?.accept)}
      aria-label=${s.attachFiles}
      ?disabled=${disabled}
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        uploads._add(input.files ?? []);
        input.value = '';
      }}
    />${attachIcon}
  </label>`;

/** A notice's text: the limit fills `{size}` (bytes) or `{count}` (files), as its text has. */
const noticeText = ({ problem, name, limit = 0 }: UploadNotice, s: ChatWidgetStrings) =>
  format(s[problem], { name, size: formatSize(limit), count: limit });

const renderFile = (entry: DraftFile, uploads: UploadController, s: ChatWidgetStrings) => {
  const { name } = entry.file;
  const failed = entry.status === 'failed';
  return html`<li
    class="file-chip"
    part=${failed ? 'draft-attachment upload-failed' : 'draft-attachment'}
    data-status=${entry.status}
  >
    ${entry.preview ? html`<img src=${entry.preview} alt="" />` : nothing}
    <span class="name">${name}</span>
    ${
      entry.status === 'uploading'
        ? html`<progress
          part="upload-progress"
          max="1"
          .value=${entry.progress}
          aria-label=${format(s.uploadingFile, { name })}
        ></progress>`
        : failed
          ? html`<button
            class="icon-button"
            part="retry-upload-button"
            type="button"
            aria-label=${format(s.retryUpload, { name })}
            @click=${() => {
              uploads._remove(entry);
              uploads._add([entry.file]);
            }}
          >
            ${retryIcon}
          </button>`
          : nothing
    }
    <button
      class="icon-button"
      part="remove-attachment-button"
      type="button"
      aria-label=${format(s.removeFile, { name })}
      @click=${() => uploads._remove(entry)}
    >
      ${closeIcon}
    </button>
  </li>`;
};

/** The files in the composer (preview, progress, remove) and what went wrong with them. */
export const renderAttachmentTray = (uploads: UploadController, s: ChatWidgetStrings) => {
  const { _files: files, _notices: notices } = uploads;
  if (!uploads._options || (files.length === 0 && notices.length === 0)) return nothing;
  return html`${
    files.length
      ? html`<ul class="attachments tray" part="attachment-tray" aria-label=${s.attachments}>
        ${files.map((entry) => renderFile(entry, uploads, s))}
      </ul>`
      : nothing
  }
  ${
    notices.length
      ? html`<div class="attach-error" part="attachment-error" role="alert">
        ${notices.map((notice) => html`<p>${noticeText(notice, s)}</p>`)}
      </div>`
      : nothing
  }`;
};

/** Files dragged onto the panel or pasted into it (images only) go to the composer. */
export const dropFiles = (uploads: UploadController, event: DragEvent | ClipboardEvent) => {
  if (!uploads._options) return;
  const paste = event.type === 'paste';
  const data = paste ? (event as ClipboardEvent).clipboardData : (event as DragEvent).dataTransfer;
  if (!data?.types.includes('Files')) return;
  event.preventDefault();
  if (event.type === 'dragover') return;
  const files = [...data.files].filter((f) => !paste || f.type.startsWith('image/'));
  if (files.length) uploads._add(files);
};

export const trayStyles = css`
  .attach {
    position: relative;
    margin-inline-start: -8px;
  }
  .attach:focus-within {
    outline: 2px solid var(--_accent);
  }
  .attach input {
    position: absolute;
    inset: 0;
    opacity: 0;
  }
  .tray,
  .attach-error {
    margin: 0 12px 6px;
    padding: 0;
  }
  .tray li {
    align-items: center;
    max-width: 100%;
  }
  .tray img,
  .tray .icon-button {
    width: 24px;
    height: 24px;
    border-radius: 4px;
  }
  .tray .name {
    max-width: 12em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .tray progress {
    width: 3em;
  }
  [data-status=failed],
  .attach-error {
    color: var(--_danger);
  }
  .attach-error p {
    margin: 0;
  }
`;
