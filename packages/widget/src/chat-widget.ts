// Over 450 lines for now: the public element (properties, JSDoc contract for
// custom-elements.json, event wiring). Rendering of parts already lives in internal/ and
// items/; the first-load split (issue 13) moves the panel half into its own module.
import type { AuthStatus, TokenManager, TokenManagerOptions } from '@chat-widget/auth';
import {
  createChatKitClient,
  type FeedbackKind,
  type StructuredInputSubmission,
} from '@chat-widget/protocol';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styles } from './chat-widget.styles.js';
import {
  type ClientToolCall,
  ConversationController,
  itemText,
} from './controllers/conversation-controller.js';
import type { ChatFailure } from './controllers/failure.js';
import { HistoryController } from './controllers/history-controller.js';
import { SessionController } from './controllers/session-controller.js';
import {
  attachmentsConverter,
  type ChatWidgetAttachments,
  UploadController,
} from './controllers/uploads.js';
import { fire } from './events.js';
import {
  dropFiles,
  renderAttachButton,
  renderAttachmentTray,
  trayStyles,
} from './internal/attachment-tray.js';
import { renderComposer } from './internal/composer.js';
import { copyButtonStyles, copyText, onCopyClick } from './internal/copy-button.js';
import { errorText } from './internal/error-text.js';
import { renderHeader } from './internal/header.js';
import { renderHistory } from './internal/history-list.js';
import { pageUrl } from './internal/http-url.js';
import { renderLauncher } from './internal/launcher.js';
import { isRtl, type LocaleTag, matchLocale } from './internal/locale.js';
import { loadPack } from './internal/locale-packs.js';
import { type HostItemRenderer, renderMessageList } from './internal/message-list.js';
import { fillPreviews } from './internal/previews.js';
import { renderStartScreen } from './internal/start-screen.js';
import { type ChatWidgetStrings, defaultStrings, format } from './internal/strings.js';
import type { ItemContext } from './items/context.js';
import { itemStyles } from './items/items.styles.js';
import { actionStyles } from './items/message-actions.js';
import { markdownStyles } from './markdown/index.js';
import { VERSION } from './version.js';
import { WidgetActionState } from './widgets/actions.js';
import { runWidgetAction } from './widgets/dispatch.js';
import { widgetStyles } from './widgets/styles.js';

export type ChatWidgetMode = 'launcher' | 'inline';
export type ChatWidgetTheme = 'light' | 'dark' | 'auto';

/** Parses the `prompts` attribute: a JSON array of strings (or one prompt per line). */
const promptsConverter = {
  fromAttribute(value: string | null): string[] {
    if (!value) return [];
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.filter((p): p is string => typeof p === 'string');
    } catch {
      // Not JSON: one prompt per line.
    }
    return value
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
  },
  toAttribute(value: string[]): string {
    return JSON.stringify(value);
  },
};

const autoSizes = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** Distance from the bottom (px) that still counts as "at the latest message". */
const PIN_THRESHOLD = 48;
/** Distance from the top (px) at which older items of a long thread are loaded. */
const OLDER_THRESHOLD = 400;
/** How many finished replies the screen-reader log keeps. */
const ANNOUNCE_KEEP = 3;

/**
 * `<chat-widget>`: an embeddable AI chat for signed-in users. It gets short-lived
 * JWTs from a Better Auth server (or any token source) and talks to a ChatKit
 * protocol backend.
 *
 * @attr auth-url - Better Auth base URL incl. its base path, e.g. `/api/auth`.
 * @attr api-url - The ChatKit endpoint (every operation is a POST to it).
 * @attr mode - `launcher` (floating button + panel, default) or `inline` (fills the element).
 * @attr open - Launcher mode: whether the panel is open.
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme).
 * @attr greeting - Heading of the start screen.
 * @attr placeholder - Composer placeholder.
 * @attr prompts - Suggested prompts on the start screen: a JSON array of strings.
 * @attr thread-id - The conversation shown; reflects the current one, set it to load one.
 * @attr locale - BCP 47 locale, sent as Accept-Language and used for dates.
 * @attr sign-in-url - Where the Sign in button goes when the host does not handle `chat-sign-in-request`.
 * @attr heading - Panel title (default "Chat").
 * @attr no-feedback - Hides the 👍/👎 buttons under replies.
 * @attr attachments - Turns file attachments on (defaults), or their options as JSON; see the `attachments` property.
 *
 * @tagname chat-widget
 *
 * @fires {CustomEvent<ChatReadyDetail>} chat-ready - First time the auth status is known. `detail: { status }`
 * @fires {CustomEvent<Record<string, never>>} chat-open - The panel opened.
 * @fires {CustomEvent<Record<string, never>>} chat-close - The panel closed.
 * @fires {CustomEvent<ChatAuthChangeDetail>} chat-auth-change - Auth status changed. `detail: { status, previous }`
 * @fires {CustomEvent<ChatThreadChangeDetail>} chat-thread-change - Another conversation is shown. `detail: { threadId, title }`
 * @fires {CustomEvent<ChatResponseStartDetail>} chat-response-start - The assistant started answering. `detail: { threadId }`
 * @fires {CustomEvent<ChatResponseEndDetail>} chat-response-end - The answer ended. `detail: { threadId, itemId, text, reason }`
 * @fires {CustomEvent<ChatErrorDetail>} chat-error - Something failed. `detail: { code, message, source, error? }`
 * @fires {CustomEvent<ChatSignInRequestDetail>} chat-sign-in-request - The user pressed Sign in (cancelable). `detail: { signInUrl }`
 * @fires {CustomEvent<ChatFeedbackDetail>} chat-feedback - The server stored the user's 👍/👎 on a reply. `detail: { threadId, itemIds, kind }`
 * @fires {CustomEvent<ChatEffectDetail>} chat-effect - The server sent a `client_effect`. `detail: { name, data }`
 * @fires {CustomEvent<ChatWidgetActionDetail>} chat-widget-action - A widget control fired an action (cancelable: cancelling keeps a server action from being sent; `handler: "client"` actions are the host's to handle). `detail: { action, itemId, values }`
 *
 * @csspart launcher - The floating button.
 * @csspart badge - The dot on the launcher when a reply finished while the panel was closed.
 * @csspart panel - The chat panel.
 * @csspart header - The panel header.
 * @csspart title - The panel title.
 * @csspart new-thread-button - Starts a new conversation.
 * @csspart history-button - Toggles the history list.
 * @csspart close-button - Closes the panel (launcher mode).
 * @csspart messages - The scrolling conversation.
 * @csspart message - Every message; also `user` or `assistant`.
 * @csspart user - A message from the user (with `message`).
 * @csspart assistant - A message from the assistant (with `message`).
 * @csspart load-older-button - "Show earlier messages" above the first message shown of a long thread.
 * @csspart older-status - "Loading earlier messages…" while an older page loads.
 * @csspart message-actions - The action row under a message (Copy; 👍/👎 and Retry on replies).
 * @csspart action-button - Every button of that row; also one of the next four.
 * @csspart copy-message-button - Copies the message's text.
 * @csspart feedback-button - 👍 or 👎 (`aria-pressed` shows the choice); also `good-button` or `bad-button`.
 * @csspart good-button - 👍 ("Good response").
 * @csspart bad-button - 👎 ("Bad response").
 * @csspart retry-response-button - Answers the latest message again (on the latest reply only).
 * @csspart note - "Stopped" under a reply the user stopped.
 * @csspart quote - The text a user message quotes.
 * @csspart attachment - An attachment of a user message; also `attachment-image` or `attachment-file`.
 * @csspart sources - The numbered list of sources under a reply.
 * @csspart source - One source (a link for http/https URLs).
 * @csspart item - Every non-message item; also its kind: `workflow`, `task-item`, `tool-call`, `structured-input`, `generated-image`, `widget`, `unknown-item`, `host-item`.
 * @csspart workflow-summary - The clickable summary line of a workflow (expands it).
 * @csspart task - One task of a workflow.
 * @csspart submit-button - Sends the answers of a structured input.
 * @csspart skip-button - Skips a structured input.
 * @csspart start-screen - Greeting + prompts of an empty conversation.
 * @csspart greeting - The start screen's heading.
 * @csspart prompt - A suggested prompt button.
 * @csspart status - The transient progress line.
 * @csspart notice - A server notice (`data-level`: info, warning, danger).
 * @csspart error - The inline error.
 * @csspart retry-button - The inline error's Retry button.
 * @csspart jump-button - "Jump to latest".
 * @csspart attach-button - The composer's attach button (a file input inside).
 * @csspart attachment-tray - The files in the composer.
 * @csspart draft-attachment - One of them (`data-status`: uploading, done, failed).
 * @csspart upload-failed - With `draft-attachment`: a file whose upload failed.
 * @csspart upload-progress - Its upload progress bar.
 * @csspart remove-attachment-button - Takes the file out (and deletes the upload).
 * @csspart retry-upload-button - Uploads a failed file again.
 * @csspart attachment-error - What went wrong with files just added (too large, type, too many, upload).
 * @csspart composer - The message form.
 * @csspart input - The composer's textarea.
 * @csspart send-button - Send (idle).
 * @csspart stop-button - The same button while streaming.
 * @csspart history - The history list.
 * @csspart history-item - One row of the history list.
 * @csspart history-item-button - Opens that conversation.
 * @csspart rename-button - Renames a conversation.
 * @csspart rename-input - The title field while renaming.
 * @csspart delete-button - Deletes a conversation (asks first).
 * @csspart confirm-delete-button - Confirms the deletion.
 * @csspart load-more-button - Loads older conversations.
 * @csspart signed-out - The signed-out panel.
 * @csspart sign-in-button - Its Sign in button.
 * @csspart copy-button - Copy button of code blocks.
 * @csspart closed-banner - Replaces the composer in a closed conversation.
 * @csspart widget - A rendered ChatKit widget (root).
 * @csspart widget-card - A widget Card.
 * @csspart widget-list - A widget ListView.
 * @csspart widget-list-item - A clickable ListViewItem.
 * @csspart widget-status - The status line of a Card or ListView.
 * @csspart widget-button - A widget Button, and a Card's confirm/cancel buttons (also `widget-confirm`, `widget-cancel`).
 * @csspart widget-fallback - Shown in place of a widget component that cannot be rendered.
 *
 * @cssprop --chat-accent - Accent colour (launcher, user bubbles, send button, focus ring).
 * @cssprop --chat-accent-fg - Text on the accent colour.
 * @cssprop --chat-bg - Panel background.
 * @cssprop --chat-fg - Text colour.
 * @cssprop --chat-muted - Secondary text.
 * @cssprop --chat-border - Borders.
 * @cssprop --chat-surface - Hover and subtle backgrounds.
 * @cssprop --chat-user-bg - User bubble background.
 * @cssprop --chat-user-fg - User bubble text.
 * @cssprop --chat-danger - Error colour.
 * @cssprop --chat-code-bg - Code background.
 * @cssprop --chat-radius - Panel corner radius.
 * @cssprop --chat-shadow - Panel and launcher shadow.
 * @cssprop --chat-font - Font family.
 * @cssprop --chat-font-mono - Code font.
 * @cssprop --chat-font-size - Base font size.
 * @cssprop --chat-panel-width - Panel width (launcher mode).
 * @cssprop --chat-panel-height - Panel height.
 * @cssprop --chat-panel-max-height - Inline mode: the most the panel may grow to when its container has no definite height (default 100vh).
 * @cssprop --chat-z-index - Stacking order of launcher and panel.
 * @cssprop --chat-offset - Distance of launcher and panel from the viewport corner.
 * @cssprop --chat-launcher-size - Launcher diameter.
 * @cssprop --chat-widget-success - Widget status colour `success` (also `-danger`, `-warning`, `-caution`, `-info`, `-discovery`).
 * @cssprop --chat-widget-space - One widget spacing step (default 4px): `gap: 2` is two steps.
 */
export class ChatWidget extends LitElement {
  static override styles = [
    markdownStyles,
    styles,
    itemStyles,
    widgetStyles,
    copyButtonStyles,
    actionStyles,
    trayStyles,
  ];
  static readonly version: string = VERSION;
  // Reactive properties and internal state (a static map: smaller than decorators once bundled).
  static override properties = {
    authUrl: { attribute: 'auth-url' },
    apiUrl: { attribute: 'api-url' },
    mode: { reflect: true },
    open: { type: Boolean, reflect: true },
    theme: { reflect: true },
    heading: {},
    greeting: {},
    placeholder: {},
    prompts: { converter: promptsConverter },
    threadId: { attribute: 'thread-id', reflect: true },
    locale: {},
    signInUrl: { attribute: 'sign-in-url' },
    noFeedback: { type: Boolean, attribute: 'no-feedback' },
    attachments: { converter: attachmentsConverter },
    strings: { attribute: false },
    tokenManager: { attribute: false },
    authClient: { attribute: false },
    getToken: { attribute: false },
    sessionToken: { attribute: false },
    renderItem: { attribute: false },
    onClientTool: { attribute: false },
    draft: { state: true, attribute: false },
    historyOpen: { state: true, attribute: false },
    renaming: { state: true, attribute: false },
    confirming: { state: true, attribute: false },
    pinned: { state: true, attribute: false },
    unread: { state: true, attribute: false },
    announcements: { state: true, attribute: false },
    pack: { state: true, attribute: false },
  };

  /** Better Auth base URL including its base path, e.g. `https://example.com/api/auth`. */
  authUrl: string | null = null;
  /** The ChatKit endpoint. */
  apiUrl: string | null = null;
  mode: ChatWidgetMode = 'launcher';
  /** Launcher mode: the panel is open. */
  open = false;
  theme: ChatWidgetTheme = 'light';
  heading: string | null = null;
  greeting: string | null = null;
  placeholder: string | null = null;
  /** Suggested prompts (attribute: JSON array). */
  prompts: string[] = [];
  /** The conversation shown (`null`: a new one). Reflects to `thread-id`. */
  threadId: string | null = null;
  locale: string | null = null;
  signInUrl: string | null = null;
  /** Hides the 👍/👎 buttons under replies (attribute `no-feedback`). */
  noFeedback = false;
  /**
   * File attachments in the composer (`null`: off): accept, maxSize, maxCount as ChatKit's
   * `composer.attachments`, and the `uploadStrategy` (two-phase by default).
   */
  attachments: ChatWidgetAttachments | null = null;
  /** Overrides for any user-visible text. */
  strings: Partial<ChatWidgetStrings> = {};

  /** A TokenManager from `@chat-widget/auth`; when set it wins over every other auth option. */
  tokenManager: TokenManager | null = null;
  /** A Better Auth client (anything with `token()`), used instead of `auth-url`. */
  authClient: TokenManagerOptions['authClient'] | null = null;
  /** Any other token source; resolve `null` when signed out. */
  getToken: (() => Promise<string | null>) | null = null;
  /** Bearer mode: a Better Auth session token (or a function returning it). */
  sessionToken: TokenManagerOptions['sessionToken'] = undefined;
  /**
   * Renders any thread item itself: return a Node to place in the thread, or null
   * for the widget's own rendering. Called again only when the item changes.
   */
  renderItem: HostItemRenderer | null = null;
  /**
   * Runs client tools: called when the server asks the client to run `name`; what it
   * returns (or resolves) goes back with `threads.add_client_tool_output` and the reply
   * continues. A throw or rejection sends `{ error: message }` instead.
   */
  onClientTool: ((call: ClientToolCall) => unknown) | null = null;

  private draft = '';
  private historyOpen = false;
  private renaming: string | null = null;
  private confirming: string | null = null;
  private pinned = true;
  /** A reply finished while the launcher panel was closed. */
  private unread = false;
  private announcements: { id: number; text: string }[] = [];
  /** The loaded locale pack (`null`: English). */
  private pack: ChatWidgetStrings | null = null;
  /** The pack wanted now (a load that resolves for another one is dropped). */
  private wantedPack: LocaleTag | null = null;

  private get input() {
    return this.renderRoot?.querySelector<HTMLTextAreaElement>('#input') ?? null;
  }
  private get messagesEl() {
    return this.renderRoot?.querySelector<HTMLElement>('#messages') ?? null;
  }
  private get sendButton() {
    return this.renderRoot?.querySelector<HTMLButtonElement>('#send') ?? null;
  }

  private readonly session = new SessionController(this, (status, previous) =>
    this.onAuthStatus(status, previous),
  );
  private readonly chat = new ConversationController(this, {
    onThreadChange: (threadId, title) => {
      this.threadId = threadId;
      fire(this, 'chat-thread-change', { threadId, title });
    },
    onThreadMetadata: (thread) => this.history.upsert(thread),
    onResponseStart: (threadId) => {
      this.pinned = true;
      fire(this, 'chat-response-start', { threadId });
    },
    onResponseEnd: (detail) => {
      if (this.mode === 'launcher' && !this.open && detail.reason === 'complete')
        this.unread = true;
      fire(this, 'chat-response-end', detail);
      // The send button was the stop button; give the keyboard user the textarea back.
      this.updateComplete.then(() => {
        const active = this.shadowRoot?.activeElement;
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
      await this.updateComplete;
      const content = this.renderRoot.querySelector(
        `[part~="message"][data-id="${CSS.escape(itemId)}"] .content`,
      );
      if (!content) return;
      const copy = content.cloneNode(true) as HTMLElement;
      for (const button of copy.querySelectorAll('button')) button.remove();
      const spoken = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      this.announcements = [...this.announcements, { id: ++this.announceId, text: spoken }].slice(
        -ANNOUNCE_KEEP,
      );
    },
    onClientTool: async (call) => {
      const handler = this.onClientTool;
      if (!handler) throw new Error(format(this.s.errorNoToolHandler, { name: call.name }));
      return await handler(call);
    },
    onEffect: (name, data) => fire(this, 'chat-effect', { name, data }),
    onFeedback: (detail) => fire(this, 'chat-feedback', detail),
  });

  /** The API's origin: the only one that gets the bearer token with uploads and previews. */
  private get apiOrigin(): string | null {
    return (this.chat.transport && pageUrl(this.apiUrl, 'api-url')?.origin) || null;
  }
  private readonly uploads = new UploadController(this, {
    origin: () => this.apiOrigin,
    token: () => this.session.manager!.getToken(),
  });

  private readonly history = new HistoryController(this, {
    onError: (failure, error) => this.reportError(failure, 'request', error),
    onDeleted: (threadId) => {
      if (threadId === this.chat.threadId) this.chat.newThread();
    },
    onRenamed: (thread) => this.chat.setMetadata(thread),
  });

  private reportError(failure: ChatFailure, source: 'stream' | 'request', error?: unknown) {
    const message =
      failure.code === 'ERR_CLIENT_TOOL' && error instanceof Error
        ? error.message
        : errorText(failure, this.s);
    fire(this, 'chat-error', {
      code: failure.code,
      message,
      source,
      ...(error === undefined ? {} : { error }),
    });
  }

  private announceId = 0;
  private ready = false;
  private usable = false;
  private view: 'chat' | 'gate' | 'wait' = 'wait';
  /** The panel was opened by the user or the host after load (focus may move into it). */
  private userOpened = false;
  private lastScrollTop = 0;
  private apiKey = '';
  /** A thread to open once signed in (thread-id set before the session was ready). */
  private pendingThread: string | null | undefined = undefined;

  // ------------------------------------------------------------------ public API

  /** Opens the panel (launcher mode) and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel; focus returns to the launcher. */
  hide(): void {
    this.open = false;
  }

  toggle(): void {
    this.open = !this.open;
  }

  /**
   * Sends `text` as the user (opening the panel in launcher mode). Resolves when
   * the reply ends; rejects when the widget cannot send now (signed out, no
   * `api-url`, a reply still streaming, empty text).
   */
  async sendMessage(text: string): Promise<void> {
    if (!text.trim()) throw new TypeError('chat-widget: sendMessage() needs non-empty text');
    if (!this.chat.transport) throw new Error('chat-widget: set api-url before sending');
    if (!this.signedIn) throw new Error(`chat-widget: cannot send while ${this.session.status}`);
    if (this.chat.streaming) throw new Error('chat-widget: a response is still streaming');
    if (this.chat.threadStatus?.type === 'closed' || this.chat.threadStatus?.type === 'locked') {
      throw new Error(`chat-widget: this conversation is ${this.chat.threadStatus.type}`);
    }
    if (this.mode === 'launcher') this.open = true;
    this.historyOpen = false;
    this.pinned = true;
    await this.chat.send(text);
  }

  /** Shows the conversation `id`, or a new one for `null`. */
  async setThread(id: string | null): Promise<void> {
    this.historyOpen = false;
    this.pendingThread = undefined;
    if (id === null) {
      this.chat.newThread();
      return;
    }
    if (!this.canChat) {
      this.pendingThread = id;
      this.threadId = id;
      return;
    }
    await this.chat.openThread(id);
  }

  /** Moves focus to the message box (opening the panel in launcher mode). */
  async focusComposer(): Promise<void> {
    if (this.mode === 'launcher' && !this.open) this.open = true;
    this.historyOpen = false;
    await this.updateComplete;
    this.input?.focus();
  }

  /** Signs out through the token manager (all tabs) and forgets the conversation. */
  async signOut(): Promise<void> {
    this.chat.reset();
    this.history.clear();
    this.uploads.clear();
    await this.session.signOut();
  }

  /** Asks the token manager to try again now, e.g. right after the host signed the user in. */
  async refreshAuth(): Promise<void> {
    await this.session.refresh();
  }

  /** The auth status the widget is showing. */
  get authStatus(): AuthStatus {
    return this.session.status;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    this.configureSession();
    super.connectedCallback();
    this.addEventListener('keydown', this.onHostKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onHostKeydown);
    this.ready = false;
  }

  private configureSession() {
    this.session.configure({
      tokenManager: this.tokenManager,
      authUrl: pageUrl(this.authUrl, 'auth-url') ? this.authUrl : null,
      authClient: this.authClient,
      getToken: this.getToken,
      sessionToken: this.sessionToken,
    });
  }

  private get canChat(): boolean {
    return this.signedIn && this.chat.transport !== null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('tokenManager') ||
      changed.has('authUrl') ||
      changed.has('authClient') ||
      changed.has('getToken') ||
      changed.has('sessionToken')
    ) {
      this.configureSession();
    }
    const apiKey = `${this.apiUrl ?? ''}\n${this.locale ?? ''}`;
    if (apiKey !== this.apiKey) {
      this.apiKey = apiKey;
      const previous = this.chat.transport;
      const transport =
        this.apiUrl && pageUrl(this.apiUrl, 'api-url')
          ? createChatKitClient({
              url: this.apiUrl,
              fetch: this.session.fetch,
              ...(this.locale ? { locale: this.locale } : {}),
            })
          : null;
      this.chat.transport = transport;
      this.history.transport = transport;
      // Another backend: what we showed belongs to the old one.
      if (previous && this.apiUrl) {
        this.chat.reset();
        this.history.clear();
      }
    }
    this.pickPack();
    this.uploads.options = this.attachments;
    this.uploads.transport = this.chat.transport;
    if (changed.has('threadId') && this.threadId !== this.chat.threadId) {
      void this.setThread(this.threadId);
    }
    if (changed.has('open') && changed.get('open') !== undefined) {
      fire(this, this.open ? 'chat-open' : 'chat-close', {});
    }
    if (this.open) this.unread = false;
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
  private firstItemId: string | null = null;
  private fromBottom: number | null = null;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.mode === 'launcher') {
      // An `open` panel on page load does not take focus from the page; opening it later does.
      if (this.open && changed.get('open') !== undefined) {
        this.userOpened = true;
        this.focusFirst();
      } else if (changed.get('open') === true) {
        this.userOpened = false;
        this.historyOpen = false;
        this.renaming = this.confirming = null;
        // Focus was in the panel (now gone): hand it to the launcher, never take it from the page.
        const active = document.activeElement;
        if (active === this || active === document.body || active === null) {
          this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
        }
      }
    }
    const el = this.messagesEl;
    if (el && this.fromBottom !== null && !this.pinned) {
      el.scrollTop = el.scrollHeight - this.fromBottom;
      this.lastScrollTop = el.scrollTop;
    }
    this.fromBottom = null;
    fillPreviews(this.renderRoot, this.apiOrigin, this.session.fetch);
    this.keepPinned();
    // A first page too short to scroll: nothing would ever ask for the older ones.
    if (el && el.scrollTop < OLDER_THRESHOLD) this.loadOlder();
  }

  private loadOlder() {
    if (this.chat.hasOlder && !this.chat.loadingOlder && !this.historyOpen)
      void this.chat.loadOlder();
  }

  /** The language asked for: the `locale` attribute, else the page's `lang`, else the browser's. */
  private get requestedLocale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en';
  }

  /** Loads the locale pack that fits the requested language (English needs none). */
  private pickPack() {
    const wanted = matchLocale(this.requestedLocale);
    if (wanted === this.wantedPack) return;
    this.wantedPack = wanted;
    if (!wanted) {
      this.pack = null;
      return;
    }
    loadPack(wanted).then(
      (pack) => {
        if (this.wantedPack === wanted) this.pack = pack;
      },
      (error: unknown) => {
        // The English texts stay; say why once, for the site's developer.
        console.warn(`chat-widget: no ${wanted} pack`, error);
      },
    );
  }

  private async focusFirst() {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('[part~="sign-in-button"]') ??
      (this.input && !this.input.disabled ? this.input : null) ??
      this.renderRoot.querySelector<HTMLElement>('#panel');
    target?.focus();
  }

  private onAuthStatus(status: AuthStatus, previous: AuthStatus | null) {
    fire(this, 'chat-auth-change', { status, previous });
    // Ready once the status has settled (a first token fetch passes through 'refreshing').
    if (!this.ready && (status === 'signed-in' || status === 'signed-out' || status === 'error')) {
      this.ready = true;
      fire(this, 'chat-ready', { status });
    }
    if (status === 'error' && previous !== 'error') {
      const error = this.session.state?.error;
      fire(this, 'chat-error', {
        code: error?.code ?? 'ERR_UNKNOWN',
        message: this.s.errorToken,
        source: 'auth',
        ...(error ? { error } : {}),
      });
    }
    const usable = this.signedIn;
    const was = this.usable;
    this.usable = usable;
    // What the panel shows: the chat, the sign-in prompt, or (idle/refreshing) a disabled chat.
    const view = usable ? 'chat' : status === 'signed-out' || status === 'error' ? 'gate' : 'wait';
    const viewChanged = view !== this.view;
    this.view = view;
    if (usable && !was) {
      // Signed in (first time or again): show what thread-id asks for, refresh lists.
      const wanted = this.pendingThread ?? this.threadId;
      this.pendingThread = undefined;
      this.history.invalidate();
      if (wanted) void this.chat.openThread(wanted);
      if (this.historyOpen) void this.history.load(true);
    } else if (!usable && was && status === 'signed-out') {
      this.chat.stop();
      this.history.clear();
      this.historyOpen = false;
    }
    // The panel's content changed between sign-in prompt and chat: put focus somewhere useful,
    // unless the user is busy elsewhere on the page.
    const active = document.activeElement;
    const lost = active === document.body || active === null;
    if (viewChanged && this.open && (active === this || (lost && this.userOpened))) {
      this.focusFirst();
    }
  }

  /** A token is (or is about to be) available: the chat can be used. */
  private get signedIn(): boolean {
    const status = this.session.status;
    return (
      status === 'signed-in' ||
      (status === 'refreshing' && this.session.state?.expiresAt !== undefined)
    );
  }

  // ------------------------------------------------------------------ handlers

  private readonly onHostKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.renaming) return;
    if (this.confirming) {
      event.preventDefault();
      this.onCancelConfirm();
      return;
    }
    if (this.historyOpen) {
      event.preventDefault();
      this.historyOpen = false;
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[part~="history-button"]')?.focus(),
      );
      return;
    }
    if (this.mode === 'launcher' && this.open) {
      event.preventDefault();
      this.hide();
    }
  };

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
    if (this.shadowRoot?.activeElement === this.input) this.sendButton?.focus();
    void this.chat.send(text, this.uploads.take());
  }

  private onFiles = (event: DragEvent | ClipboardEvent) => dropFiles(this.uploads, event);

  private onPrompt = (text: string) => {
    this.pinned = true;
    this.sendButton?.focus();
    void this.chat.send(text);
  };

  private onStructuredInput = (itemId: string, input: StructuredInputSubmission) => {
    this.pinned = true;
    void this.chat.submitStructuredInput(itemId, input);
  };

  /** Actions in flight per widget item (their loading state). */
  private readonly widgetActions = new WidgetActionState(() => this.requestUpdate());

  private onWidgetAction: ItemContext['widgets']['dispatch'] = (itemId, action, values, source) =>
    this.widgetActions.run(itemId, source, () =>
      runWidgetAction(this, itemId, action, values, {
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
    if (action) void this.onMessageAction(action);
    else if (this.shadowRoot) void onCopyClick(event, this.shadowRoot, this.s);
  };

  /** A button of a message's action row (see items/message-actions.ts). */
  private async onMessageAction(button: HTMLElement) {
    const id = button.closest<HTMLElement>('[part~="message"]')?.dataset.id;
    const item = id ? this.chat.state.items.find((i) => i.id === id) : undefined;
    if (!item || !this.shadowRoot) return;
    const name = button.dataset.action;
    if (name === 'positive' || name === 'negative') {
      await this.chat.sendFeedback([item.id], name satisfies FeedbackKind);
    } else if (name === 'retry') {
      this.pinned = true;
      await this.chat.retryLatest();
    } else if (name === 'copy' && (await copyText(itemText(item), this.shadowRoot))) {
      button.setAttribute('data-copied', '');
      button.setAttribute('aria-label', this.s.copied);
      setTimeout(() => {
        button.removeAttribute('data-copied');
        button.setAttribute('aria-label', this.s.copyMessage);
      }, 1500);
    }
  }

  private onSignIn = () => {
    const allowed = fire(this, 'chat-sign-in-request', { signInUrl: this.signInUrl }, true);
    if (!allowed) return;
    // Only http(s) or relative: `javascript:` and friends never reach location or open().
    const url = pageUrl(this.signInUrl, 'sign-in-url');
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
    await this.updateComplete;
    // Focus moves into the list: its first conversation, else the list itself.
    if (!this.historyOpen) return;
    (
      this.renderRoot.querySelector<HTMLElement>('[part~="history-item-button"]') ??
      this.renderRoot.querySelector<HTMLElement>('#history')
    )?.focus();
  };

  private onNewThread = () => {
    this.historyOpen = false;
    void this.setThread(null).then(() => this.focusComposer());
  };

  private onOpenThread = (id: string) => {
    this.historyOpen = false;
    void this.setThread(id);
    this.focusComposer();
  };

  private onStartRename = async (id: string) => {
    this.confirming = null;
    this.renaming = id;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('.rename');
    input?.focus();
    input?.select();
  };

  private async finishRename(id: string, value: string | null) {
    if (this.renaming !== id) return;
    this.renaming = null;
    if (value !== null) await this.history.rename(id, value);
    await this.updateComplete;
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
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="confirm-delete-button"]')?.focus();
  };

  private onConfirmDelete = async (id: string) => {
    const index = this.history.threads.findIndex((t) => t.id === id);
    this.confirming = null;
    await this.history.remove(id);
    await this.updateComplete;
    // Focus the row that took its place, else the history button.
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('[part~="history-item-button"]');
    (
      rows[Math.min(index, rows.length - 1)] ??
      this.renderRoot.querySelector<HTMLElement>('[part~="history-button"]')
    )?.focus();
  };

  private onCancelConfirm = () => {
    const id = this.confirming;
    this.confirming = null;
    if (id) this.updateComplete.then(() => this.focusHistoryRow(id, 'delete-button'));
  };

  private focusHistoryRow(id: string, part: string) {
    const row = this.renderRoot.querySelector(
      `[part~="history-item"][data-id="${CSS.escape(id)}"]`,
    );
    row?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  // ------------------------------------------------------------------ render

  private get s(): ChatWidgetStrings {
    // Same object until `strings` changes (rendered messages are cached against it).
    if (this.mergedFor !== this.strings || this.mergedPack !== this.pack) {
      this.mergedFor = this.strings;
      this.mergedPack = this.pack;
      const requested = this.requestedLocale;
      // English texts for an English variant (en-GB) keep its dates and numbers.
      const locale = this.pack?.locale ?? (/^en\b/i.test(requested) ? requested : 'en');
      this.merged = { ...defaultStrings, locale, ...this.pack, ...this.strings };
    }
    return this.merged;
  }
  private mergedFor: Partial<ChatWidgetStrings> | null = null;
  private mergedPack: ChatWidgetStrings | null = null;
  private merged: ChatWidgetStrings = defaultStrings;

  private renderBody() {
    const s = this.s;
    const status = this.session.status;
    if (status === 'signed-out' || status === 'error') {
      const signedOut = status === 'signed-out';
      return html`<div class="signed-out" part="signed-out">
        <p>${signedOut ? s.signedOut : s.authError}</p>
        <button
          class="text-button primary"
          part="sign-in-button"
          type="button"
          @click=${signedOut ? this.onSignIn : () => this.refreshAuth()}
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
          greeting: this.greeting ?? s.greeting,
          prompts: this.prompts,
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
      hostRenderer: this.renderItem,
      submitStructuredInput: this.onStructuredInput,
      feedback: this.noFeedback ? null : chat.feedback,
      older: chat.hasOlder ? (chat.loadingOlder ? 'loading' : 'more') : null,
      onLoadOlder: () => {
        this.pinned = false;
        this.loadOlder();
      },
      canRetry:
        chat.retryTarget !== null &&
        this.canChat &&
        (!chat.threadStatus || chat.threadStatus.type === 'active'),
      widgets: {
        busy: (itemId) => this.widgetActions.busy(itemId),
        allowedImageDomains: state.thread?.allowed_image_domains ?? null,
        dispatch: this.onWidgetAction,
      },
      start,
      progress: state.progress?.text ?? null,
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

  private renderPanel() {
    const s = this.s;
    const floating = this.mode !== 'inline';
    const status = this.session.status;
    const signedIn = this.signedIn;
    const threadStatus = this.chat.threadStatus;
    const locked = threadStatus?.type === 'locked';
    const placeholder = !signedIn
      ? status === 'idle' || status === 'refreshing'
        ? s.connecting
        : s.signInToChat
      : locked
        ? threadStatus.reason || s.locked
        : (this.placeholder ?? s.placeholder);
    return html`<section
      class="panel"
      part="panel"
      id="panel"
      tabindex="-1"
      role=${floating ? 'dialog' : 'region'}
      aria-labelledby="title"
      @dragover=${this.onFiles}
      @drop=${this.onFiles}
      @paste=${this.onFiles}
    >
      ${renderHeader({
        title: this.heading ?? this.chat.title ?? s.heading,
        strings: s,
        threadsEnabled: this.canChat,
        historyOpen: this.historyOpen,
        closable: floating,
        onNewThread: this.onNewThread,
        onToggleHistory: this.onToggleHistory,
        onClose: () => this.hide(),
      })}
      <div class="body">${this.renderBody()}</div>
      ${
        threadStatus?.type === 'closed' && signedIn
          ? html`<p class="closed" part="closed-banner" role="status">
            ${threadStatus.reason || s.closed}
          </p>`
          : html`${renderAttachmentTray(this.uploads, s)}${renderComposer({
              attach: this.attachments
                ? renderAttachButton(this.uploads, s, !this.canChat || locked)
                : nothing,
              canSend: (!!this.draft.trim() || this.uploads.files.length > 0) && this.uploads.ready,
              draft: this.draft,
              placeholder,
              strings: s,
              disabled: !this.canChat || locked,
              streaming: this.chat.streaming,
              canStop: this.chat.allowCancel,
              onInput: this.onInput,
              onKeydown: this.onComposerKeydown,
              onSubmit: this.onSubmit,
            })}`
      }
    </section>`;
  }

  protected override render(): TemplateResult {
    const floating = this.mode !== 'inline';
    const showPanel = !floating || this.open;
    const { locale } = this.s;
    return html`<div
      class="root ${floating ? 'floating' : 'inline'} ${this.open ? 'open' : ''}"
      lang=${locale}
      dir=${isRtl(locale) ? 'rtl' : 'ltr'}
    >
      ${showPanel ? this.renderPanel() : nothing}
      ${
        floating
          ? renderLauncher({
              open: this.open,
              unread: this.unread,
              strings: this.s,
              onToggle: () => this.toggle(),
            })
          : nothing
      }
      <div class="sr-only" role="log" aria-live="polite" aria-relevant="additions">
        ${this.announcements.map((a) => html`<p>${a.text}</p>`)}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
  }
}
