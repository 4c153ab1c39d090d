import { parseTimestamp, type ThreadMetadata } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { editIcon, trashIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

export interface HistoryProps {
  threads: readonly ThreadMetadata[];
  currentId: string | null;
  strings: ChatWidgetStrings;
  locale: string | undefined;
  loading: boolean;
  loaded: boolean;
  hasMore: boolean;
  error: string | null;
  /** Thread being renamed / awaiting delete confirmation. */
  renaming: string | null;
  confirming: string | null;
  onOpen: (id: string) => void;
  onStartRename: (id: string) => void;
  onRenameKeydown: (event: KeyboardEvent, id: string) => void;
  onRenameBlur: (event: FocusEvent, id: string) => void;
  onStartDelete: (id: string) => void;
  onConfirmDelete: (id: string) => void;
  onCancel: () => void;
  onLoadMore: () => void;
}

const formatDate = (iso: string, locale: string | undefined) => {
  // Naive timestamps (no offset, as the Python SDK writes them) are UTC.
  const date = parseTimestamp(iso);
  if (!date) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      date,
    );
  } catch {
    return date.toLocaleString();
  }
};

/** The list of past conversations, with rename and delete. */
export const renderHistory = (p: HistoryProps) => {
  const s = p.strings;
  const item = (thread: ThreadMetadata) => {
    const title = thread.title || s.untitled;
    const current = thread.id === p.currentId;
    if (p.renaming === thread.id) {
      return html`<input
        class="rename"
        part="rename-input"
        aria-label=${s.renameLabel}
        .value=${thread.title ?? ''}
        @keydown=${(e: KeyboardEvent) => p.onRenameKeydown(e, thread.id)}
        @blur=${(e: FocusEvent) => p.onRenameBlur(e, thread.id)}
      />`;
    }
    if (p.confirming === thread.id) {
      return html`<div class="confirm" role="group" aria-label=${s.confirmDelete}>
        <span>${s.confirmDelete}</span>
        <button
          class="text-button danger"
          part="confirm-delete-button"
          type="button"
          @click=${() => p.onConfirmDelete(thread.id)}
        >
          ${s.delete}
        </button>
        <button class="text-button" type="button" @click=${p.onCancel}>${s.cancel}</button>
      </div>`;
    }
    return html`<button
        class="history-open"
        part="history-item-button"
        type="button"
        aria-current=${current ? 'true' : 'false'}
        @click=${() => p.onOpen(thread.id)}
      >
        <span>${title}</span><small>${formatDate(thread.created_at, p.locale)}</small>
      </button>
      <button
        class="icon-button"
        part="rename-button"
        type="button"
        title=${s.rename}
        aria-label=${`${s.rename}: ${title}`}
        @click=${() => p.onStartRename(thread.id)}
      >
        ${editIcon}
      </button>
      <button
        class="icon-button"
        part="delete-button"
        type="button"
        title=${s.delete}
        aria-label=${`${s.delete}: ${title}`}
        @click=${() => p.onStartDelete(thread.id)}
      >
        ${trashIcon}
      </button>`;
  };
  return html`<nav class="history" part="history" id="history" tabindex="-1" aria-label=${s.history}>
    ${
      p.threads.length
        ? html`<ul class="history-list">
          ${p.threads.map(
            (t) =>
              html`<li
                class="history-item ${t.id === p.currentId ? 'current' : ''}"
                part="history-item"
                data-id=${t.id}
              >
                ${item(t)}
              </li>`,
          )}
        </ul>`
        : p.loaded && !p.loading
          ? html`<p class="empty">${s.noHistory}</p>`
          : nothing
    }
    ${p.error ? html`<p class="error" role="alert"><span>${p.error}</span></p>` : nothing}
    ${
      p.loading
        ? html`<p class="empty" role="status">${s.loading}</p>`
        : p.hasMore
          ? html`<div class="center">
            <button class="text-button" part="load-more-button" type="button" @click=${p.onLoadMore}>
              ${s.loadMore}
            </button>
          </div>`
          : nothing
    }
  </nav>`;
};
