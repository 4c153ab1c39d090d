// Over 450 lines for now: the panel half of <chat-widget> (its view state, the
// conversation and history controllers, every handler of the panel's controls, and the
// render of header, conversation, history and composer), loaded on demand by the element.
// Rendering of parts already lives in internal/ and items/.
import type { AuthStatus } from '@chat-widget/auth';
import {
  type Attachment,
  createChatKitTransport,
  type FeedbackKind,
  type StructuredInputSubmission,
} from '@chat-widget/protocol';
import { html, nothing, type PropertyValues, render } from 'lit';
import type { ChatWidget } from '../../chat-widget.js';
import { ConversationController, itemText } from '../../controllers/conversation-controller.js';
import type { ChatFailure } from '../../controllers/failure.js';
import { HistoryController } from '../../controllers/history-controller.js';
import { UploadController } from '../../controllers/uploads.js';
import { fire } from '../../events.js';
import type { ItemContext } from '../../items/context.js';
import { itemStyles } from '../../items/items.styles.js';
import { actionStyles } from '../../items/message-actions.js';
import { markdownStyles } from '../../markdown/index.js';
import { WidgetActionState } from '../../widgets/actions.js';
import { runWidgetAction } from '../../widgets/dispatch.js';
import { widgetStyles } from '../../widgets/styles.js';
import {
  dropFiles,
  renderAttachButton,
  renderAttachmentTray,
  trayStyles,
} from '../attachment-tray.js';
import { attachmentOptions } from '../attachments-attribute.js';
import { renderAvatar, renderDisclaimer, renderHeaderActions } from '../branding.js';
import { headingLevels, validPrompts } from '../branding-options.js';
import { renderComposer } from '../composer.js';
import { ComposerToolsSlot } from '../composer-tools-slot.js';
import { copyButtonStyles, copyText, onCopyClick, showCopied } from '../copy-button.js';
import { DictationSlot } from '../dictation-slot.js';
import type { Style } from '../element-base.js';
import { errorText } from '../error-text.js';
import { renderHeader } from '../header.js';
import { renderHistory } from '../history-list.js';
import { pageUrl } from '../http-url.js';
import { renderMessageList } from '../message-list.js';
import { fillPreviews } from '../previews.js';
import { SidebarDock } from '../sidebar.js';
import { renderStartScreen } from '../start-screen.js';
import { format } from '../strings.js';
import { brandStyles } from './brand.styles.js';
import type { PanelBridge } from './bridge.js';
import { panelStyles } from './panel.styles.js';
import { themeStyles } from './theme.styles.js';

/** Every default text (the element has only the loader's few until this module loads). */
export { defaultStrings } from '../strings.js';

/** The panel's stylesheets, adopted by the element when this module has loaded. */
export const styles: Style[] = [
  themeStyles,
  markdownStyles,
  panelStyles,
  itemStyles,
  widgetStyles,
  copyButtonStyles,
  actionStyles,
  trayStyles,
  brandStyles,
];

const autoSizes = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** Distance from the bottom (px) that still counts as "at the latest message". */
const PIN_THRESHOLD = 48;
/** Distance from the top (px) at which older items of a long thread are loaded. */
const OLDER_THRESHOLD = 400;

/**
 * What the panel shows that is not the conversation itself; setting any re-renders. The
 * keys are private names (the build shortens them), read back with Object.keys below.
 */
const initialView = {
  _draft: '',
  _historyOpen: false,
  _renaming: null as string | null,
  _confirming: null as string | null,
  _pinned: true,
};
type ViewState = typeof initialView;

/**
 * The panel of one `<chat-widget>`: created by the element once this module has loaded,
 * rendered inside the element's panel frame, updated with the element's lifecycle.
 */
export class Panel {
  // Reactive view state: accessors over `_view` that ask the element to update (see static).
  declare private _draft: string;
  declare private _historyOpen: boolean;
  declare private _renaming: string | null;
  declare private _confirming: string | null;
  declare private _pinned: boolean;
  private readonly _view: ViewState = { ...initialView };
  static {
    for (const key of Object.keys(initialView) as (keyof ViewState)[]) {
      Object.defineProperty(Panel.prototype, key, {
        get(this: Panel) {
          return this._view[key];
        },
        set(this: Panel, value: never) {
          if (this._view[key] === value) return;
          this._view[key] = value;
          this._host.requestUpdate();
        },
      });
    }
  }

  /** What the panel shows: 2 the chat, 1 the sign-in prompt, 0 (idle/refreshing) a disabled chat. */
  private _shown = 0;
  private _lastScrollTop = 0;
  private _apiKey = '';
  /** A thread to open once signed in (thread-id set before the session was ready). */
  private _pendingThread: string | null | undefined = undefined;
  private _firstItemId: string | null = null;
  private _fromBottom: number | null = null;

  private readonly _chat: ConversationController;
  private readonly _history: HistoryController;
  private readonly _uploads: UploadController;
  /** The composer's tool menu and model select, their code loaded when they are set. */
  private readonly _picks: ComposerToolsSlot;
  /** The microphone (`dictation`), its code loaded on first render. */
  private readonly _mic: DictationSlot;

  private readonly _host: ChatWidget;
  private readonly _bridge: PanelBridge;

  constructor(host: ChatWidget, bridge: PanelBridge) {
    this._host = host;
    this._bridge = bridge;
    this._picks = new ComposerToolsSlot(host);
    this._mic = new DictationSlot({
      host,
      _transport: () => this._chat.transport,
      _strings: () => this._s,
      _onText: (text) => {
        this._draft = this._draft.trim() ? `${this._draft.trimEnd()} ${text}` : text;
        host.updateComplete.then(() => {
          const input = this._input;
          input?.focus();
          input?.setSelectionRange(input.value.length, input.value.length);
        });
      },
    });
    this._chat = new ConversationController(host, {
      onThreadChange: (threadId, title) => {
        host.threadId = threadId;
        fire(host, 'chat-thread-change', { threadId, title });
      },
      onThreadMetadata: (thread) => this._history._upsert(thread),
      onResponseStart: (threadId) => {
        this._pinned = true;
        fire(host, 'chat-response-start', { threadId });
      },
      onResponseEnd: (detail) => {
        if (host.mode !== 'inline' && !host.open && detail.reason === 'complete')
          bridge.markUnread();
        fire(host, 'chat-response-end', detail);
        // The send button was the stop button; give the keyboard user the textarea back.
        host.updateComplete.then(() => {
          const active = host.shadowRoot?.activeElement;
          if (!active || active === this._sendButton) this._input?.focus();
        });
      },
      onError: (failure, source, error) => this._reportError(failure, source, error),
      onRestoreDraft: (text) => {
        if (!this._draft.trim()) this._draft = text;
        this._uploads._restore();
      },
      onAnnounce: async (itemId) => {
        // Speak the rendered reply, not its markdown source ("## Title" → "Title").
        await host.updateComplete;
        const content = host.renderRoot.querySelector(
          `[part~="message"][data-id="${CSS.escape(itemId)}"] .content`,
        );
        if (!content) return;
        const copy = content.cloneNode(true) as HTMLElement;
        for (const button of copy.querySelectorAll('button')) button.remove();
        bridge.announce((copy.textContent ?? '').replace(/\s+/g, ' ').trim());
      },
      onClientTool: async (call) => {
        const handler = host.onClientTool;
        if (!handler) throw new Error(format(this._s.errorNoToolHandler, { name: call.name }));
        return await handler(call);
      },
      onEffect: (name, data) => fire(host, 'chat-effect', { name, data }),
      onFeedback: (detail) => fire(host, 'chat-feedback', detail),
    });
    this._history = new HistoryController(host, {
      _onError: (failure, error) => this._reportError(failure, 'request', error),
      _onDeleted: (threadId) => {
        if (threadId === this._chat.threadId) this._chat.newThread();
      },
      _onRenamed: (thread) => this._chat.setMetadata(thread),
    });
    this._uploads = new UploadController(host, {
      _origin: () => this._apiOrigin,
      _token: bridge.token,
    });
    // Files dropped anywhere on the panel, images pasted into it.
    const onFiles = (event: Event) => {
      if ((event.target as Element).closest?.('#panel'))
        dropFiles(this._uploads, event as DragEvent | ClipboardEvent);
    };
    for (const type of ['dragover', 'drop', 'paste'])
      host.renderRoot.addEventListener(type, onFiles);
    // Catch up with what happened before this module loaded.
    this.willUpdate(new Map());
    this.authChanged();
  }

  private get _s() {
    return this._bridge.strings();
  }

  private get _input() {
    return this._query<HTMLTextAreaElement>('#input');
  }
  private get _messagesEl() {
    return this._query('#messages');
  }
  private get _sendButton() {
    return this._query('#send');
  }
  private _query<E extends HTMLElement = HTMLElement>(selector: string): E | null {
    return this._host.renderRoot.querySelector<E>(selector);
  }

  private _reportError(failure: ChatFailure, source: 'stream' | 'request', error?: unknown) {
    const message =
      failure.code === 'ERR_CLIENT_TOOL' && error instanceof Error
        ? error.message
        : errorText(failure, this._s);
    fire(this._host, 'chat-error', {
      code: failure.code,
      message,
      source,
      ...(error === undefined ? {} : { error }),
    });
  }

  // ------------------------------------------------------------------ the element's API

  /** See ChatWidget.sendMessage. */
  async sendMessage(text: string): Promise<void> {
    const host = this._host;
    if (!this._chat.transport) throw new Error('chat-widget: set api-url before sending');
    if (!this._signedIn) throw new Error(`chat-widget: cannot send while ${this._bridge.status()}`);
    if (this._chat.streaming) throw new Error('chat-widget: a response is still streaming');
    const status = this._chat.threadStatus?.type;
    if (status && status !== 'active')
      throw new Error(`chat-widget: this conversation is ${status}`);
    if (host.mode !== 'inline') host.open = true;
    this._historyOpen = false;
    this._pinned = true;
    await this._sendPicked(text);
  }

  /** Sends `text` with the composer's picks (tool, model). */
  private async _sendPicked(text: string, attachments?: Attachment[]) {
    await this._chat.send(text, await this._picks._take(), attachments);
  }

  /** See ChatWidget.setThread. */
  async setThread(id: string | null): Promise<void> {
    this._historyOpen = false;
    this._pendingThread = undefined;
    if (id === null) {
      this._chat.newThread();
      return;
    }
    if (!this._canChat) {
      this._pendingThread = id;
      this._host.threadId = id;
      return;
    }
    await this._chat.openThread(id);
  }

  /** Moves focus to the message box. */
  async focusComposer(): Promise<void> {
    this._historyOpen = false;
    await this._host.updateComplete;
    this._input?.focus();
  }

  /** Forgets the conversation and the history (signing out). */
  reset(): void {
    this._chat.reset();
    this._history._clear();
    this._uploads._clear();
  }

  /** The best place for focus in the panel: Sign in, else the message box. */
  focusTarget(): HTMLElement | null {
    return (
      this._query('[part~="sign-in-button"]') ??
      (this._input && !this._input.disabled ? this._input : null)
    );
  }

  /** The launcher panel closed: forget transient state. */
  closed(): void {
    this._historyOpen = false;
    this._renaming = this._confirming = null;
  }

  /** Escape inside the panel: closes what is on top (rename, confirm, history). True when handled. */
  escape(event: KeyboardEvent): boolean {
    // (Escape in the rename input or the tool menu is theirs: they prevent its default.)
    if (this._confirming) {
      event.preventDefault();
      this._onCancelConfirm();
      return true;
    }
    if (this._historyOpen) {
      event.preventDefault();
      this._historyOpen = false;
      this._host.updateComplete.then(() => this._query('[part~="history-button"]')?.focus());
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ lifecycle

  private get _canChat(): boolean {
    return this._signedIn && this._chat.transport !== null;
  }

  private get _signedIn(): boolean {
    return this._bridge.signedIn();
  }

  /** The API's origin: the only one that gets the bearer token with uploads and previews. */
  private get _apiOrigin(): string | null {
    return (this._chat.transport && pageUrl(this._host.apiUrl, 'api-url')?.origin) || null;
  }

  willUpdate(changed: PropertyValues<ChatWidget>): void {
    const host = this._host;
    const apiKey = `${host.apiUrl ?? ''}\n${host.locale ?? ''}`;
    if (apiKey !== this._apiKey) {
      this._apiKey = apiKey;
      const previous = this._chat.transport;
      const transport =
        host.apiUrl && pageUrl(host.apiUrl, 'api-url')
          ? createChatKitTransport({
              url: host.apiUrl,
              fetch: this._bridge.fetch,
              ...(host.locale ? { locale: host.locale } : {}),
            })
          : null;
      this._chat.transport = transport;
      this._history._transport = transport;
      // Another backend: what we showed belongs to the old one.
      if (previous && host.apiUrl) this.reset();
    }
    this._uploads._options = attachmentOptions(host.attachments);
    this._uploads._transport = this._chat.transport;
    if (changed.has('threadId') && host.threadId !== this._chat.threadId) {
      void this.setThread(host.threadId);
    }
    // Older items are about to go above the ones shown: remember the distance from the
    // bottom, so what the user is reading stays where it is (see `updated`).
    const items = this._chat.state.items;
    const first = items[0]?.id ?? null;
    const el = this._messagesEl;
    if (el && this._firstItemId && first !== this._firstItemId) {
      const previous = this._firstItemId;
      if (items.some((i) => i.id === previous)) this._fromBottom = el.scrollHeight - el.scrollTop;
    }
    this._firstItemId = first;
  }

  updated(): void {
    const el = this._messagesEl;
    if (el && this._fromBottom !== null && !this._pinned) {
      el.scrollTop = el.scrollHeight - this._fromBottom;
      this._lastScrollTop = el.scrollTop;
    }
    this._fromBottom = null;
    fillPreviews(this._host.renderRoot, this._apiOrigin, this._bridge.fetch);
    this._keepPinned();
    // A first page too short to scroll: nothing would ever ask for the older ones.
    // (Auto-height never scrolls: its button loads them.)
    if (el && !this._host.autoHeight && el.scrollTop < OLDER_THRESHOLD) this._loadOlder();
    // Sidebar: where it is docked (after opening, closing, mirroring for another language).
    const host = this._host;
    const sidebar = host.mode === 'sidebar' && host.open;
    const dockKey = `${sidebar}${host.side}${host.push}${this._s.locale}`;
    if (dockKey !== this._dockKey) {
      this._dockKey = dockKey;
      this._dock ??= new SidebarDock(host);
      this._dock._sync(sidebar ? this._query('#panel') : null, host.push);
    }
  }
  private _dock: SidebarDock | null = null;
  private _dockKey = '';

  /** The element left the page: it covers and pushes nothing any more. */
  detached(): void {
    this._dockKey = '';
    this._dock?._sync(null, false);
  }

  private _loadOlder() {
    if (this._chat.hasOlder && !this._chat.loadingOlder && !this._historyOpen)
      void this._chat.loadOlder();
  }

  /** The auth status changed (or the panel just loaded): chat, sign-in prompt or wait. */
  authChanged(): void {
    const status: AuthStatus = this._bridge.status();
    const usable = this._signedIn;
    const was = this._shown;
    const view = usable ? 2 : +(status === 'signed-out' || status === 'error');
    this._shown = view;
    if (usable && was < 2) {
      // Signed in (first time or again): show what thread-id asks for, refresh lists.
      const wanted = this._pendingThread ?? this._host.threadId;
      this._pendingThread = undefined;
      this._history._invalidate();
      if (wanted) void this._chat.openThread(wanted);
      if (this._historyOpen) void this._history._load(true);
    } else if (!usable && was > 1 && status === 'signed-out') {
      this._chat.stop();
      this._history._clear();
      this._historyOpen = false;
    }
    if (view !== was) this._bridge.viewChanged();
  }

  // ------------------------------------------------------------------ handlers

  private _onInput = (event: Event) => {
    const area = event.target as HTMLTextAreaElement;
    this._draft = area.value;
    // Browsers without `field-sizing: content` grow the textarea here (CSSOM, so CSP-safe).
    if (!autoSizes) {
      area.style.height = 'auto';
      area.style.height = `${area.scrollHeight}px`;
    }
  };

  private _onComposerKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this._submit();
    }
  };

  private _onSubmit = (event: Event) => {
    event.preventDefault();
    if (this._chat.streaming) this._chat.stop();
    else this._submit();
  };

  private _submit() {
    const text = this._draft.trim();
    const open = !this._chat.threadStatus || this._chat.threadStatus.type === 'active';
    const files = this._uploads._files.length > 0;
    if (
      !(text || files) ||
      !this._uploads._ready ||
      this._chat.streaming ||
      !this._canChat ||
      !open
    )
      return;
    this._draft = '';
    if (!autoSizes && this._input) this._input.style.height = '';
    this._pinned = true;
    // The textarea is disabled while streaming: keep focus on the (stop) button.
    if (this._host.shadowRoot?.activeElement === this._input) this._sendButton?.focus();
    void this._sendPicked(text, this._uploads._take());
  }

  private _onPrompt = (text: string) => {
    this._pinned = true;
    this._sendButton?.focus();
    void this._sendPicked(text);
  };

  private _onStructuredInput = (itemId: string, input: StructuredInputSubmission) => {
    this._pinned = true;
    void this._chat.submitStructuredInput(itemId, input);
  };

  /** Actions in flight per widget item (their loading state). */
  private readonly _widgetActions = new WidgetActionState(() => this._host.requestUpdate());

  private _onWidgetAction: ItemContext['widgets']['dispatch'] = (itemId, action, values, source) =>
    this._widgetActions.run(itemId, source, () =>
      runWidgetAction(this._host, itemId, action, values, {
        stream: (wire, id) => {
          this._pinned = true;
          return this._chat.customAction(id, wire);
        },
        sync: (wire, id) => this._chat.syncCustomAction(id, wire),
      }),
    );

  private _onRetry = () => {
    this._pinned = true;
    void this._chat.retry();
  };

  private _onScroll = (event: Event) => {
    const el = event.target as HTMLElement;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < PIN_THRESHOLD;
    // Only the user scrolls up; our own scrolling only goes down.
    if (el.scrollTop < this._lastScrollTop - 2 && !atBottom) this._pinned = false;
    else if (atBottom) this._pinned = true;
    this._lastScrollTop = el.scrollTop;
    if (el.scrollTop < OLDER_THRESHOLD) this._loadOlder();
  };

  private _keepPinned() {
    const el = this._messagesEl;
    if (!el || !this._pinned) return;
    el.scrollTop = el.scrollHeight;
    this._lastScrollTop = el.scrollTop;
  }

  private _onJump = () => {
    this._pinned = true;
    this._keepPinned();
    this._input?.focus();
  };

  /** Delegated: copy buttons of code blocks rendered by the markdown renderer. */
  private _onMessagesClick = (event: Event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>(
      '[part~="message-actions"] [data-action]',
    );
    const root = this._host.shadowRoot;
    if (action) void this._onMessageAction(action);
    else if (root) void onCopyClick(event, root, this._s);
  };

  /** A button of a message's action row (see items/message-actions.ts). */
  private async _onMessageAction(button: HTMLElement) {
    const id = button.closest<HTMLElement>('[part~="message"]')?.dataset.id;
    const item = id ? this._chat.state.items.find((i) => i.id === id) : undefined;
    const root = this._host.shadowRoot;
    if (!item || !root) return;
    const name = button.dataset.action;
    if (name === 'positive' || name === 'negative') {
      await this._chat.sendFeedback([item.id], name satisfies FeedbackKind);
    } else if (name === 'retry') {
      this._pinned = true;
      await this._chat.retryLatest();
    } else if (name === 'copy' && (await copyText(itemText(item), root))) {
      showCopied(button, this._s.copied, this._s.copyMessage);
    }
  }

  private _onSignIn = () => {
    const host = this._host;
    const allowed = fire(host, 'chat-sign-in-request', { signInUrl: host.signInUrl }, true);
    if (!allowed) return;
    // Only http(s) or relative: `javascript:` and friends never reach location or open().
    const url = pageUrl(host.signInUrl, 'sign-in-url');
    if (!url) return;
    // Same origin: navigate; elsewhere: a new tab, so this page (and its widget) survive.
    if (url.origin === location.origin) location.assign(url.href);
    else open(url.href, '_blank', 'noopener');
  };

  private _onToggleHistory = async () => {
    this._historyOpen = !this._historyOpen;
    this._renaming = this._confirming = null;
    if (!this._historyOpen) return;
    await this._history._load(true);
    await this._host.updateComplete;
    // Focus moves into the list: its first conversation, else the list itself.
    if (!this._historyOpen) return;
    (this._query('[part~="history-item-button"]') ?? this._query('#history'))?.focus();
  };

  /** A conversation from the history, or a new one (null): shown, focus in the composer. */
  private _onOpenThread = (id: string | null) => {
    void this.setThread(id);
    void this.focusComposer();
  };

  /** Rename (its input, text selected) or delete (its confirmation) of a history row. */
  private _onEdit = async (id: string, rename: boolean) => {
    this._renaming = rename ? id : null;
    this._confirming = rename ? null : id;
    await this._host.updateComplete;
    const target = this._query<HTMLInputElement>(
      rename ? '.rename' : '[part~="confirm-delete-button"]',
    );
    target?.focus();
    if (rename) target?.select();
  };

  /** The rename input left: `value` saved (null: cancelled), focus back on its button. */
  private _onRenamed = async (id: string, value: string | null) => {
    if (this._renaming !== id) return;
    this._renaming = null;
    if (value !== null) await this._history._rename(id, value);
    await this._host.updateComplete;
    this._focusHistoryRow(id, 'rename-button');
  };

  private _onConfirmDelete = async (id: string) => {
    const index = this._history._threads.findIndex((t) => t.id === id);
    this._confirming = null;
    await this._history._remove(id);
    await this._host.updateComplete;
    // Focus the row that took its place, else the history button.
    const rows = this._host.renderRoot.querySelectorAll<HTMLElement>(
      '[part~="history-item-button"]',
    );
    (rows[Math.min(index, rows.length - 1)] ?? this._query('[part~="history-button"]'))?.focus();
  };

  private _onCancelConfirm = () => {
    const id = this._confirming;
    this._confirming = null;
    if (id) this._host.updateComplete.then(() => this._focusHistoryRow(id, 'delete-button'));
  };

  private _focusHistoryRow(id: string, part: string) {
    const row = this._query(`[part~="history-item"][data-id="${CSS.escape(id)}"]`);
    row?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  // ------------------------------------------------------------------ render

  private _renderBody() {
    const s = this._s;
    const host = this._host;
    const status = this._bridge.status();
    if (status === 'signed-out' || status === 'error') {
      const signedOut = status === 'signed-out';
      return html`<div class="signed-out" part="signed-out">
        <p>${signedOut ? s.signedOut : s.authError}</p>
        <button
          class="text-button primary"
          part="sign-in-button"
          type="button"
          @click=${signedOut ? this._onSignIn : () => host.refreshAuth()}
        >
          ${signedOut ? s.signIn : s.tryAgain}
        </button>
      </div>`;
    }
    const chat = this._chat;
    const history = this._history;
    const state = chat.state;
    const start = chat.loading
      ? html`<p class="empty" role="status">${s.loading}</p>`
      : renderStartScreen({
          _greeting: host.greeting ?? s.greeting,
          _prompts: validPrompts(host.prompts),
          _strings: s,
          _disabled: !this._canChat,
          _onPrompt: this._onPrompt,
        });
    const last = state.items.findLast((item) => item.type !== 'end_of_turn');
    const failure = chat.failure;
    return html`${renderMessageList({
      _items: state.items,
      _threadId: chat.threadId,
      _streamingIds: state.streaming,
      _stoppedIds: state.stopped,
      _busy: chat.streaming,
      _strings: s,
      _hostRenderer: host.renderItem,
      _submitStructuredInput: this._onStructuredInput,
      _feedback: host.noFeedback ? null : chat.feedback,
      _older: chat.hasOlder ? (chat.loadingOlder ? 'loading' : 'more') : null,
      _onLoadOlder: () => {
        this._pinned = false;
        this._loadOlder();
      },
      _canRetry:
        chat.retryTarget !== null &&
        this._canChat &&
        (!chat.threadStatus || chat.threadStatus.type === 'active'),
      _headingLevel: headingLevels(host.headingLevel).replies,
      _avatars: {
        user: renderAvatar(host.userAvatar, null, 'user'),
        assistant: renderAvatar(host.assistantAvatar, host.assistantName, 'assistant'),
      },
      _widgets: {
        busy: (itemId) => this._widgetActions.busy(itemId),
        allowedImageDomains: state.thread?.allowed_image_domains ?? null,
        dispatch: this._onWidgetAction,
      },
      _start: start,
      _progress: (chat.queued ? s.sendWhenOnline : state.progress?.text) ?? null,
      _notices: state.notices,
      // Waiting for the first words of the reply.
      _waiting:
        chat.streaming &&
        state.streaming.length === 0 &&
        (!last || last.type === 'user_message' || last.type === 'client_tool_call'),
      _error: failure ? { text: errorText(failure, s), retry: failure.retry !== null } : null,
      _showJump: !this._pinned && state.items.length > 0 && !this._historyOpen,
      _inert: this._historyOpen,
      _onScroll: this._onScroll,
      _onClick: this._onMessagesClick,
      _onRetry: this._onRetry,
      _onJump: this._onJump,
    })}
    ${
      this._historyOpen
        ? renderHistory({
            _threads: history._threads,
            _currentId: chat.threadId,
            _strings: s,
            _locale: s.locale,
            _loading: history._loading,
            _loaded: history._loaded,
            _hasMore: history._hasMore,
            _error: history._failure ? errorText(history._failure, s) : null,
            _renaming: this._renaming,
            _confirming: this._confirming,
            _onOpen: this._onOpenThread,
            _onEdit: this._onEdit,
            _onRenamed: this._onRenamed,
            _onConfirmDelete: this._onConfirmDelete,
            _onCancel: this._onCancelConfirm,
            _onLoadMore: () => this._history._load(false),
          })
        : nothing
    }`;
  }

  /** Renders the panel into the element's panel frame. */
  renderInto(frame: HTMLElement): void {
    render(this._render(), frame, { host: this._host });
  }

  /** The panel's content: header, conversation (or sign-in prompt, or history), composer. */
  private _render() {
    const s = this._s;
    const host = this._host;
    const floating = host.mode !== 'inline';
    const status = this._bridge.status();
    const signedIn = this._signedIn;
    const threadStatus = this._chat.threadStatus;
    const locked = threadStatus?.type === 'locked';
    const placeholder = !signedIn
      ? status === 'idle' || status === 'refreshing'
        ? s.connecting
        : s.signInToChat
      : locked
        ? threadStatus.reason || s.locked
        : (this._picks._placeholder() ?? host.placeholder ?? s.placeholder);
    const disabled = !this._canChat || locked;
    const mic = this._mic._render(host.dictation, disabled);
    return html`${renderHeader({
      _title: host.heading ?? (host.assistantName || this._chat.title) ?? s.heading,
      _subtitle: host.heading === null && host.assistantName ? this._chat.title : null,
      _level: headingLevels(host.headingLevel).title,
      _avatar: renderAvatar(host.assistantAvatar, host.assistantName, 'assistant'),
      _actions: renderHeaderActions(host.headerActions, (id) =>
        fire(host, 'chat-header-action', { id }),
      ),
      _strings: s,
      _threadsEnabled: this._canChat,
      _historyOpen: this._historyOpen,
      _closable: floating,
      _onNewThread: () => this._onOpenThread(null),
      _onToggleHistory: this._onToggleHistory,
      _onClose: () => host.hide(),
    })}
      <div class="body">${this._renderBody()}</div>
      ${
        threadStatus?.type === 'closed' && signedIn
          ? html`<p class="closed" part="closed-banner" role="status">
            ${threadStatus.reason || s.closed}
          </p>`
          : html`${renderAttachmentTray(this._uploads, s)}${renderComposer({
              _attach: this._uploads._options
                ? renderAttachButton(this._uploads, s, disabled)
                : nothing,
              _canSend:
                (!!this._draft.trim() || this._uploads._files.length > 0) && this._uploads._ready,
              _draft: this._draft,
              _placeholder: placeholder,
              _strings: s,
              _disabled: disabled,
              _streaming: this._chat.streaming,
              _canStop: this._chat.allowCancel,
              _onInput: this._onInput,
              _onKeydown: this._onComposerKeydown,
              _onSubmit: this._onSubmit,
              _actions: mic?.button,
              _footer: [this._picks._render(s, disabled), mic?.status],
            })}`
      }
      ${renderDisclaimer(host.disclaimer, s.opensInNewTab)}`;
  }
}
