// Over 450 lines for now: the panel half of <chat-widget> (its view state, the
// conversation and history controllers, every handler of the panel's controls, and the
// render of header, conversation, history and composer), loaded on demand by the element.
// Rendering of parts already lives in internal/ and items/.
import type { AuthStatus } from '@chat-widget/auth';
import {
  type Attachment,
  createChatKitClient,
  type FeedbackKind,
  type StructuredInputSubmission,
} from '@chat-widget/protocol';
import { type CSSResult, html, nothing, type PropertyValues, render } from 'lit';
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
import { copyButtonStyles, copyText, onCopyClick } from '../copy-button.js';
import { DictationSlot } from '../dictation-slot.js';
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
export const styles: CSSResult[] = [
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

/** What the panel shows that is not the conversation itself; setting any re-renders. */
interface ViewState {
  draft: string;
  historyOpen: boolean;
  renaming: string | null;
  confirming: string | null;
  pinned: boolean;
}

/**
 * The panel of one `<chat-widget>`: created by the element once this module has loaded,
 * rendered inside the element's panel frame, updated with the element's lifecycle.
 */
export class Panel {
  // Reactive view state: accessors over `view` that ask the element to update (see static).
  declare draft: string;
  declare historyOpen: boolean;
  declare renaming: string | null;
  declare confirming: string | null;
  declare pinned: boolean;
  private readonly view: ViewState = {
    draft: '',
    historyOpen: false,
    renaming: null,
    confirming: null,
    pinned: true,
  };
  static {
    for (const key of ['draft', 'historyOpen', 'renaming', 'confirming', 'pinned'] as const) {
      Object.defineProperty(Panel.prototype, key, {
        get(this: Panel) {
          return this.view[key];
        },
        set(this: Panel, value: never) {
          if (this.view[key] === value) return;
          this.view[key] = value;
          this.host.requestUpdate();
        },
      });
    }
  }

  private usable = false;
  private shown: 'chat' | 'gate' | 'wait' = 'wait';
  private lastScrollTop = 0;
  private apiKey = '';
  /** A thread to open once signed in (thread-id set before the session was ready). */
  private pendingThread: string | null | undefined = undefined;
  private firstItemId: string | null = null;
  private fromBottom: number | null = null;

  readonly chat: ConversationController;
  readonly history: HistoryController;
  readonly uploads: UploadController;
  /** The composer's tool menu and model select, their code loaded when they are set. */
  private readonly picks: ComposerToolsSlot;
  /** The microphone (`dictation`), its code loaded on first render. */
  private readonly mic: DictationSlot;

  constructor(
    private readonly host: ChatWidget,
    private readonly bridge: PanelBridge,
  ) {
    this.picks = new ComposerToolsSlot(host);
    this.mic = new DictationSlot({
      host,
      transport: () => this.chat.transport,
      strings: () => this.s,
      onText: (text) => {
        this.draft = this.draft.trim() ? `${this.draft.trimEnd()} ${text}` : text;
        host.updateComplete.then(() => {
          const input = this.input;
          input?.focus();
          input?.setSelectionRange(input.value.length, input.value.length);
        });
      },
    });
    this.chat = new ConversationController(host, {
      onThreadChange: (threadId, title) => {
        host.threadId = threadId;
        fire(host, 'chat-thread-change', { threadId, title });
      },
      onThreadMetadata: (thread) => this.history.upsert(thread),
      onResponseStart: (threadId) => {
        this.pinned = true;
        fire(host, 'chat-response-start', { threadId });
      },
      onResponseEnd: (detail) => {
        if (host.mode !== 'inline' && !host.open && detail.reason === 'complete')
          bridge.markUnread();
        fire(host, 'chat-response-end', detail);
        // The send button was the stop button; give the keyboard user the textarea back.
        host.updateComplete.then(() => {
          const active = host.shadowRoot?.activeElement;
          if (!active || active === this.sendButton) this.input?.focus();
        });
      },
      onError: (failure, source, error) => this.reportError(failure, source, error),
      onRestoreDraft: (text) => {
        if (!this.draft.trim()) this.draft = text;
        this.uploads.restore();
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
        if (!handler) throw new Error(format(this.s.errorNoToolHandler, { name: call.name }));
        return await handler(call);
      },
      onEffect: (name, data) => fire(host, 'chat-effect', { name, data }),
      onFeedback: (detail) => fire(host, 'chat-feedback', detail),
    });
    this.history = new HistoryController(host, {
      onError: (failure, error) => this.reportError(failure, 'request', error),
      onDeleted: (threadId) => {
        if (threadId === this.chat.threadId) this.chat.newThread();
      },
      onRenamed: (thread) => this.chat.setMetadata(thread),
    });
    this.uploads = new UploadController(host, {
      origin: () => this.apiOrigin,
      token: bridge.token,
    });
    // Files dropped anywhere on the panel, images pasted into it.
    const onFiles = (event: Event) => {
      if ((event.target as Element).closest?.('#panel'))
        dropFiles(this.uploads, event as DragEvent | ClipboardEvent);
    };
    for (const type of ['dragover', 'drop', 'paste'])
      host.renderRoot.addEventListener(type, onFiles);
    // Catch up with what happened before this module loaded.
    this.willUpdate(new Map());
    this.authChanged();
  }

  private get s() {
    return this.bridge.strings();
  }

  private get input() {
    return this.host.renderRoot?.querySelector<HTMLTextAreaElement>('#input') ?? null;
  }
  private get messagesEl() {
    return this.host.renderRoot?.querySelector<HTMLElement>('#messages') ?? null;
  }
  private get sendButton() {
    return this.host.renderRoot?.querySelector<HTMLButtonElement>('#send') ?? null;
  }
  private query<E extends HTMLElement = HTMLElement>(selector: string): E | null {
    return this.host.renderRoot.querySelector<E>(selector);
  }

  private reportError(failure: ChatFailure, source: 'stream' | 'request', error?: unknown) {
    const message =
      failure.code === 'ERR_CLIENT_TOOL' && error instanceof Error
        ? error.message
        : errorText(failure, this.s);
    fire(this.host, 'chat-error', {
      code: failure.code,
      message,
      source,
      ...(error === undefined ? {} : { error }),
    });
  }

  // ------------------------------------------------------------------ the element's API

  /** See ChatWidget.sendMessage. */
  async sendMessage(text: string): Promise<void> {
    const host = this.host;
    if (!this.chat.transport) throw new Error('chat-widget: set api-url before sending');
    if (!this.signedIn) throw new Error(`chat-widget: cannot send while ${this.bridge.status()}`);
    if (this.chat.streaming) throw new Error('chat-widget: a response is still streaming');
    if (this.chat.threadStatus?.type === 'closed' || this.chat.threadStatus?.type === 'locked') {
      throw new Error(`chat-widget: this conversation is ${this.chat.threadStatus.type}`);
    }
    if (host.mode !== 'inline') host.open = true;
    this.historyOpen = false;
    this.pinned = true;
    await this.chat.send(text, await this.picks.take());
  }

  /** Sends `text` with the composer's picks (tool, model). */
  private async sendPicked(text: string, attachments?: Attachment[]) {
    await this.chat.send(text, await this.picks.take(), attachments);
  }

  /** See ChatWidget.setThread. */
  async setThread(id: string | null): Promise<void> {
    this.historyOpen = false;
    this.pendingThread = undefined;
    if (id === null) {
      this.chat.newThread();
      return;
    }
    if (!this.canChat) {
      this.pendingThread = id;
      this.host.threadId = id;
      return;
    }
    await this.chat.openThread(id);
  }

  /** Moves focus to the message box. */
  async focusComposer(): Promise<void> {
    this.historyOpen = false;
    await this.host.updateComplete;
    this.input?.focus();
  }

  /** Forgets the conversation and the history (signing out). */
  reset(): void {
    this.chat.reset();
    this.history.clear();
    this.uploads.clear();
  }

  /** The best place for focus in the panel: Sign in, else the message box. */
  focusTarget(): HTMLElement | null {
    return (
      this.query('[part~="sign-in-button"]') ??
      (this.input && !this.input.disabled ? this.input : null)
    );
  }

  /** The launcher panel closed: forget transient state. */
  closed(): void {
    this.historyOpen = false;
    this.renaming = this.confirming = null;
  }

  /** Escape inside the panel: closes what is on top (rename, confirm, history). True when handled. */
  escape(event: KeyboardEvent): boolean {
    if (this.renaming) return true;
    if (this.confirming) {
      event.preventDefault();
      this.onCancelConfirm();
      return true;
    }
    if (this.historyOpen) {
      event.preventDefault();
      this.historyOpen = false;
      this.host.updateComplete.then(() => this.query('[part~="history-button"]')?.focus());
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ lifecycle

  private get canChat(): boolean {
    return this.signedIn && this.chat.transport !== null;
  }

  private get signedIn(): boolean {
    return this.bridge.signedIn();
  }

  /** The API's origin: the only one that gets the bearer token with uploads and previews. */
  private get apiOrigin(): string | null {
    return (this.chat.transport && pageUrl(this.host.apiUrl, 'api-url')?.origin) || null;
  }

  willUpdate(changed: PropertyValues<ChatWidget>): void {
    const host = this.host;
    const apiKey = `${host.apiUrl ?? ''}\n${host.locale ?? ''}`;
    if (apiKey !== this.apiKey) {
      this.apiKey = apiKey;
      const previous = this.chat.transport;
      const transport =
        host.apiUrl && pageUrl(host.apiUrl, 'api-url')
          ? createChatKitClient({
              url: host.apiUrl,
              fetch: this.bridge.fetch,
              ...(host.locale ? { locale: host.locale } : {}),
            })
          : null;
      this.chat.transport = transport;
      this.history.transport = transport;
      // Another backend: what we showed belongs to the old one.
      if (previous && host.apiUrl) this.reset();
    }
    this.uploads.options = attachmentOptions(host.attachments);
    this.uploads.transport = this.chat.transport;
    if (changed.has('threadId') && host.threadId !== this.chat.threadId) {
      void this.setThread(host.threadId);
    }
    // Older items are about to go above the ones shown: remember the distance from the
    // bottom, so what the user is reading stays where it is (see `updated`).
    const items = this.chat.state.items;
    const first = items[0]?.id ?? null;
    const el = this.messagesEl;
    if (el && this.firstItemId && first !== this.firstItemId) {
      const previous = this.firstItemId;
      if (items.some((i) => i.id === previous)) this.fromBottom = el.scrollHeight - el.scrollTop;
    }
    this.firstItemId = first;
  }

  updated(): void {
    const el = this.messagesEl;
    if (el && this.fromBottom !== null && !this.pinned) {
      el.scrollTop = el.scrollHeight - this.fromBottom;
      this.lastScrollTop = el.scrollTop;
    }
    this.fromBottom = null;
    fillPreviews(this.host.renderRoot, this.apiOrigin, this.bridge.fetch);
    this.keepPinned();
    // A first page too short to scroll: nothing would ever ask for the older ones.
    // (Auto-height never scrolls: its button loads them.)
    if (el && !this.host.autoHeight && el.scrollTop < OLDER_THRESHOLD) this.loadOlder();
    // Sidebar: where it is docked (after opening, closing, mirroring for another language).
    const host = this.host;
    const sidebar = host.mode === 'sidebar' && host.open;
    const dockKey = `${sidebar}${host.side}${host.push}${this.s.locale}`;
    if (dockKey !== this.dockKey) {
      this.dockKey = dockKey;
      this.dock ??= new SidebarDock(host);
      this.dock.sync(sidebar ? this.query('#panel') : null, host.push);
    }
  }
  private dock: SidebarDock | null = null;
  private dockKey = '';

  /** The element left the page: it covers and pushes nothing any more. */
  detached(): void {
    this.dockKey = '';
    this.dock?.sync(null, false);
  }

  private loadOlder() {
    if (this.chat.hasOlder && !this.chat.loadingOlder && !this.historyOpen)
      void this.chat.loadOlder();
  }

  /** The auth status changed (or the panel just loaded): chat, sign-in prompt or wait. */
  authChanged(): void {
    const status: AuthStatus = this.bridge.status();
    const usable = this.signedIn;
    const was = this.usable;
    this.usable = usable;
    // What the panel shows: the chat, the sign-in prompt, or (idle/refreshing) a disabled chat.
    const view = usable ? 'chat' : status === 'signed-out' || status === 'error' ? 'gate' : 'wait';
    const viewChanged = view !== this.shown;
    this.shown = view;
    if (usable && !was) {
      // Signed in (first time or again): show what thread-id asks for, refresh lists.
      const wanted = this.pendingThread ?? this.host.threadId;
      this.pendingThread = undefined;
      this.history.invalidate();
      if (wanted) void this.chat.openThread(wanted);
      if (this.historyOpen) void this.history.load(true);
    } else if (!usable && was && status === 'signed-out') {
      this.chat.stop();
      this.history.clear();
      this.historyOpen = false;
    }
    if (viewChanged) this.bridge.viewChanged();
  }

  // ------------------------------------------------------------------ handlers

  private onInput = (event: Event) => {
    const area = event.target as HTMLTextAreaElement;
    this.draft = area.value;
    // Browsers without `field-sizing: content` grow the textarea here (CSSOM, so CSP-safe).
    if (!autoSizes) {
      area.style.height = 'auto';
      area.style.height = `${area.scrollHeight}px`;
    }
  };

  private onComposerKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    if (this.chat.streaming) this.chat.stop();
    else this.submit();
  };

  private submit() {
    const text = this.draft.trim();
    const open = !this.chat.threadStatus || this.chat.threadStatus.type === 'active';
    const files = this.uploads.files.length > 0;
    if (!(text || files) || !this.uploads.ready || this.chat.streaming || !this.canChat || !open)
      return;
    this.draft = '';
    if (!autoSizes && this.input) this.input.style.height = '';
    this.pinned = true;
    // The textarea is disabled while streaming: keep focus on the (stop) button.
    if (this.host.shadowRoot?.activeElement === this.input) this.sendButton?.focus();
    void this.sendPicked(text, this.uploads.take());
  }

  private onPrompt = (text: string) => {
    this.pinned = true;
    this.sendButton?.focus();
    void this.sendPicked(text);
  };

  private onStructuredInput = (itemId: string, input: StructuredInputSubmission) => {
    this.pinned = true;
    void this.chat.submitStructuredInput(itemId, input);
  };

  /** Actions in flight per widget item (their loading state). */
  private readonly widgetActions = new WidgetActionState(() => this.host.requestUpdate());

  private onWidgetAction: ItemContext['widgets']['dispatch'] = (itemId, action, values, source) =>
    this.widgetActions.run(itemId, source, () =>
      runWidgetAction(this.host, itemId, action, values, {
        stream: (wire, id) => {
          this.pinned = true;
          return this.chat.customAction(id, wire);
        },
        sync: (wire, id) => this.chat.syncCustomAction(id, wire),
      }),
    );

  private onRetry = () => {
    this.pinned = true;
    void this.chat.retry();
  };

  private onScroll = (event: Event) => {
    const el = event.target as HTMLElement;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < PIN_THRESHOLD;
    // Only the user scrolls up; our own scrolling only goes down.
    if (el.scrollTop < this.lastScrollTop - 2 && !atBottom) this.pinned = false;
    else if (atBottom) this.pinned = true;
    this.lastScrollTop = el.scrollTop;
    if (el.scrollTop < OLDER_THRESHOLD) this.loadOlder();
  };

  private keepPinned() {
    const el = this.messagesEl;
    if (!el || !this.pinned) return;
    el.scrollTop = el.scrollHeight;
    this.lastScrollTop = el.scrollTop;
  }

  private onJump = () => {
    this.pinned = true;
    this.keepPinned();
    this.input?.focus();
  };

  /** Delegated: copy buttons of code blocks rendered by the markdown renderer. */
  private onMessagesClick = (event: Event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>(
      '[part~="message-actions"] [data-action]',
    );
    const root = this.host.shadowRoot;
    if (action) void this.onMessageAction(action);
    else if (root) void onCopyClick(event, root, this.s);
  };

  /** A button of a message's action row (see items/message-actions.ts). */
  private async onMessageAction(button: HTMLElement) {
    const id = button.closest<HTMLElement>('[part~="message"]')?.dataset.id;
    const item = id ? this.chat.state.items.find((i) => i.id === id) : undefined;
    const root = this.host.shadowRoot;
    if (!item || !root) return;
    const name = button.dataset.action;
    if (name === 'positive' || name === 'negative') {
      await this.chat.sendFeedback([item.id], name satisfies FeedbackKind);
    } else if (name === 'retry') {
      this.pinned = true;
      await this.chat.retryLatest();
    } else if (name === 'copy' && (await copyText(itemText(item), root))) {
      button.setAttribute('data-copied', '');
      button.setAttribute('aria-label', this.s.copied);
      setTimeout(() => {
        button.removeAttribute('data-copied');
        button.setAttribute('aria-label', this.s.copyMessage);
      }, 1500);
    }
  }

  private onSignIn = () => {
    const host = this.host;
    const allowed = fire(host, 'chat-sign-in-request', { signInUrl: host.signInUrl }, true);
    if (!allowed) return;
    // Only http(s) or relative: `javascript:` and friends never reach location or open().
    const url = pageUrl(host.signInUrl, 'sign-in-url');
    if (!url) return;
    // Same origin: navigate; elsewhere: a new tab, so this page (and its widget) survive.
    if (url.origin === location.origin) location.assign(url.href);
    else open(url.href, '_blank', 'noopener');
  };

  private onToggleHistory = async () => {
    this.historyOpen = !this.historyOpen;
    this.renaming = this.confirming = null;
    if (!this.historyOpen) return;
    await this.history.load(true);
    await this.host.updateComplete;
    // Focus moves into the list: its first conversation, else the list itself.
    if (!this.historyOpen) return;
    (this.query('[part~="history-item-button"]') ?? this.query('#history'))?.focus();
  };

  private onNewThread = () => {
    this.historyOpen = false;
    void this.setThread(null).then(() => this.focusComposer());
  };

  private onOpenThread = (id: string) => {
    this.historyOpen = false;
    void this.setThread(id);
    void this.focusComposer();
  };

  private onStartRename = async (id: string) => {
    this.confirming = null;
    this.renaming = id;
    await this.host.updateComplete;
    const input = this.query<HTMLInputElement>('.rename');
    input?.focus();
    input?.select();
  };

  private async finishRename(id: string, value: string | null) {
    if (this.renaming !== id) return;
    this.renaming = null;
    if (value !== null) await this.history.rename(id, value);
    await this.host.updateComplete;
    this.focusHistoryRow(id, 'rename-button');
  }

  private onRenameKeydown = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.finishRename(id, (event.target as HTMLInputElement).value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.finishRename(id, null);
    }
  };

  private onRenameBlur = (event: FocusEvent, id: string) => {
    void this.finishRename(id, (event.target as HTMLInputElement).value);
  };

  private onStartDelete = async (id: string) => {
    this.renaming = null;
    this.confirming = id;
    await this.host.updateComplete;
    this.query('[part~="confirm-delete-button"]')?.focus();
  };

  private onConfirmDelete = async (id: string) => {
    const index = this.history.threads.findIndex((t) => t.id === id);
    this.confirming = null;
    await this.history.remove(id);
    await this.host.updateComplete;
    // Focus the row that took its place, else the history button.
    const rows = this.host.renderRoot.querySelectorAll<HTMLElement>(
      '[part~="history-item-button"]',
    );
    (rows[Math.min(index, rows.length - 1)] ?? this.query('[part~="history-button"]'))?.focus();
  };

  private onCancelConfirm = () => {
    const id = this.confirming;
    this.confirming = null;
    if (id) this.host.updateComplete.then(() => this.focusHistoryRow(id, 'delete-button'));
  };

  private focusHistoryRow(id: string, part: string) {
    const row = this.query(`[part~="history-item"][data-id="${CSS.escape(id)}"]`);
    row?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  // ------------------------------------------------------------------ render

  private renderBody() {
    const s = this.s;
    const host = this.host;
    const status = this.bridge.status();
    if (status === 'signed-out' || status === 'error') {
      const signedOut = status === 'signed-out';
      return html`<div class="signed-out" part="signed-out">
        <p>${signedOut ? s.signedOut : s.authError}</p>
        <button
          class="text-button primary"
          part="sign-in-button"
          type="button"
          @click=${signedOut ? this.onSignIn : () => host.refreshAuth()}
        >
          ${signedOut ? s.signIn : s.tryAgain}
        </button>
      </div>`;
    }
    const chat = this.chat;
    const history = this.history;
    const state = chat.state;
    const start = chat.loading
      ? html`<p class="empty" role="status">${s.loading}</p>`
      : renderStartScreen({
          greeting: host.greeting ?? s.greeting,
          prompts: validPrompts(host.prompts),
          strings: s,
          disabled: !this.canChat,
          onPrompt: this.onPrompt,
        });
    const last = state.items.findLast((item) => item.type !== 'end_of_turn');
    const failure = chat.failure;
    return html`${renderMessageList({
      items: state.items,
      threadId: chat.threadId,
      streamingIds: state.streaming,
      stoppedIds: state.stopped,
      busy: chat.streaming,
      strings: s,
      hostRenderer: host.renderItem,
      submitStructuredInput: this.onStructuredInput,
      feedback: host.noFeedback ? null : chat.feedback,
      older: chat.hasOlder ? (chat.loadingOlder ? 'loading' : 'more') : null,
      onLoadOlder: () => {
        this.pinned = false;
        this.loadOlder();
      },
      canRetry:
        chat.retryTarget !== null &&
        this.canChat &&
        (!chat.threadStatus || chat.threadStatus.type === 'active'),
      headingLevel: headingLevels(host.headingLevel).replies,
      avatars: {
        user: renderAvatar(host.userAvatar, null, 'user'),
        assistant: renderAvatar(host.assistantAvatar, host.assistantName, 'assistant'),
      },
      widgets: {
        busy: (itemId) => this.widgetActions.busy(itemId),
        allowedImageDomains: state.thread?.allowed_image_domains ?? null,
        dispatch: this.onWidgetAction,
      },
      start,
      progress: (chat.queued ? s.sendWhenOnline : state.progress?.text) ?? null,
      notices: state.notices,
      // Waiting for the first words of the reply.
      waiting:
        chat.streaming &&
        state.streaming.length === 0 &&
        (!last || last.type === 'user_message' || last.type === 'client_tool_call'),
      error: failure ? { text: errorText(failure, s), retry: failure.retry !== null } : null,
      showJump: !this.pinned && state.items.length > 0 && !this.historyOpen,
      inert: this.historyOpen,
      onScroll: this.onScroll,
      onClick: this.onMessagesClick,
      onRetry: this.onRetry,
      onJump: this.onJump,
    })}
    ${
      this.historyOpen
        ? renderHistory({
            threads: history.threads,
            currentId: chat.threadId,
            strings: s,
            locale: s.locale,
            loading: history.loading,
            loaded: history.loaded,
            hasMore: history.hasMore,
            error: history.failure ? errorText(history.failure, s) : null,
            renaming: this.renaming,
            confirming: this.confirming,
            onOpen: this.onOpenThread,
            onStartRename: this.onStartRename,
            onRenameKeydown: this.onRenameKeydown,
            onRenameBlur: this.onRenameBlur,
            onStartDelete: this.onStartDelete,
            onConfirmDelete: this.onConfirmDelete,
            onCancel: this.onCancelConfirm,
            onLoadMore: () => this.history.load(false),
          })
        : nothing
    }`;
  }

  /** Renders the panel into the element's panel frame. */
  renderInto(frame: HTMLElement): void {
    render(this.render(), frame, { host: this.host });
  }

  /** The panel's content: header, conversation (or sign-in prompt, or history), composer. */
  private render() {
    const s = this.s;
    const host = this.host;
    const floating = host.mode !== 'inline';
    const status = this.bridge.status();
    const signedIn = this.signedIn;
    const threadStatus = this.chat.threadStatus;
    const locked = threadStatus?.type === 'locked';
    const placeholder = !signedIn
      ? status === 'idle' || status === 'refreshing'
        ? s.connecting
        : s.signInToChat
      : locked
        ? threadStatus.reason || s.locked
        : (this.picks.placeholder() ?? host.placeholder ?? s.placeholder);
    const disabled = !this.canChat || locked;
    const mic = this.mic.render(host.dictation, disabled);
    return html`${renderHeader({
      title: host.heading ?? (host.assistantName || this.chat.title) ?? s.heading,
      subtitle: host.heading === null && host.assistantName ? this.chat.title : null,
      level: headingLevels(host.headingLevel).title,
      avatar: renderAvatar(host.assistantAvatar, host.assistantName, 'assistant'),
      actions: renderHeaderActions(host.headerActions, (id) =>
        fire(host, 'chat-header-action', { id }),
      ),
      strings: s,
      threadsEnabled: this.canChat,
      historyOpen: this.historyOpen,
      closable: floating,
      onNewThread: this.onNewThread,
      onToggleHistory: this.onToggleHistory,
      onClose: () => host.hide(),
    })}
      <div class="body">${this.renderBody()}</div>
      ${
        threadStatus?.type === 'closed' && signedIn
          ? html`<p class="closed" part="closed-banner" role="status">
            ${threadStatus.reason || s.closed}
          </p>`
          : html`${renderAttachmentTray(this.uploads, s)}${renderComposer({
              attach: this.uploads.options
                ? renderAttachButton(this.uploads, s, disabled)
                : nothing,
              canSend: (!!this.draft.trim() || this.uploads.files.length > 0) && this.uploads.ready,
              draft: this.draft,
              placeholder,
              strings: s,
              disabled,
              streaming: this.chat.streaming,
              canStop: this.chat.allowCancel,
              onInput: this.onInput,
              onKeydown: this.onComposerKeydown,
              onSubmit: this.onSubmit,
              actions: mic?.button,
              footer: [this.picks.render(s, disabled), mic?.status],
            })}`
      }
      ${renderDisclaimer(host.disclaimer, s.opensInNewTab)}`;
  }
}
