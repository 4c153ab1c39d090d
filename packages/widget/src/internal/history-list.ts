import { parseTimestamp, type ThreadMetadata } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { editIcon, trashIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

export interface HistoryProps {
  // Keys `_`-prefixed: the panel's own, so the script-tag build shortens them.
  _threads: readonly ThreadMetadata[];
  _currentId: string | null;
  _strings: ChatWidgetStrings;
  _locale: string | undefined;
  _loading: boolean;
  _loaded: boolean;
  _hasMore: boolean;
  _error: string | null;
  /** Thread being renamed / awaiting delete confirmation. */
  _renaming: string | null;
  _confirming: string | null;
  _onOpen: (id: string) => void;
  /** Starts renaming (true) or deleting (false) a thread. */
  _onEdit: (id: string, rename: boolean) => void;
  /** The rename input's text on Enter or blur; null on Escape. */
  _onRenamed: (id: string, value: string | null) => void;
  _onConfirmDelete: (id: string) => void;
  _onCancel: () => void;
  _onLoadMore: () => void;
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
  const s = p._strings;
  const item = (thread: ThreadMetadata) => {
    const title = thread.title || s.untitled;
    const current = thread.id === p._currentId;
    if (p._renaming === thread.id) {
      return html`<input
        class="rename"
        part="rename-input"
        aria-label=${s.renameLabel}
        .value=${thread.title ?? ''}
        @keydown=${(e: KeyboardEvent) => {
          // Enter saves (on blur); Escape cancels, and closes nothing else (its default prevented).
          if (e.key === 'Enter') (e.target as HTMLElement).blur();
          if (e.key === 'Escape') {
            e.preventDefault();
            p._onRenamed(thread.id, null);
          }
        }}
        @blur=${(e: FocusEvent) => p._onRenamed(thread.id, (e.target as HTMLInputElement).value)}
      />`;
    }
    if (p._confirming === thread.id) {
      return html`<div class="confirm" role="group" aria-label=${s.confirmDelete}>
        <span>${s.confirmDelete}</span>
        <button
          class="text-button danger"
          part="confirm-delete-button"
          type="button"
          @click=${() => p._onConfirmDelete(thread.id)}
        >
          ${s.delete}
        </button>
        <button class="text-button" type="button" @click=${p._onCancel}>${s.cancel}</button>
      </div>`;
    }
    return html`<button
        class="history-open"
        part="history-item-button"
        type="button"
        aria-current=${current ? 'true' : 'false'}
        @click=${() => p._onOpen(thread.id)}
      >
        <span>${title}</span><small>${formatDate(thread.created_at, p._locale)}</small>
      </button>
      <button
        class="icon-button"
        part="rename-button"
        type="button"
        title=${s.rename}
        aria-label=${`${s.rename}: ${title}`}
        @click=${() => p._onEdit(thread.id, true)}
      >
        ${editIcon}
      </button>
      <button
        class="icon-button"
        part="delete-button"
        type="button"
        title=${s.delete}
        aria-label=${`${s.delete}: ${title}`}
        @click=${() => p._onEdit(thread.id, false)}
      >
        ${trashIcon}
      </button>`;
  };
  return html`<nav class="history" part="history" id="history" tabindex="-1" aria-label=${s.history}>
    ${
      p._threads.length
        ? html`<ul class="history-list">
          ${p._threads.map(
            (t) =>
              html`<li
                class="history-item ${t.id === p._currentId ? 'current' : ''}"
                part="history-item"
                data-id=${t.id}
              >
                ${item(t)}
              </li>`,
          )}
        </ul>`
        : p._loaded && !p._loading
          ? html`<p class="empty">${s.noHistory}</p>`
          : nothing
    }
    ${p._error ? html`<p class="error" role="alert"><span>${p._error}</span></p>` : nothing}
    ${
      p._loading
        ? html`<p class="empty" role="status">${s.loading}</p>`
        : p._hasMore
          ? html`<div class="center">
            <button class="text-button" part="load-more-button" type="button" @click=${p._onLoadMore}>
              ${s.loadMore}
            </button>
          </div>`
          : nothing
    }
  </nav>`;
};
