// The public element: properties, the JSDoc contract (custom-elements.json), lifecycle,
// the session (a token is fetched at once) and the launcher. The panel (header,
// conversation, composer, history, items, widgets) is internal/panel/panel.ts, imported
// on first intent (launcher hover or focus, idle time) or when the panel opens; the
// script-tag build ships it as separate chunks next to the loader (see the README).
import type { AuthStatus, TokenManager, TokenManagerOptions } from '@chat-widget/auth';
import type { PropertyValues } from 'lit';
import { styles } from './chat-widget.styles.js';
import type { ClientToolCall } from './controllers/conversation-controller.js';
import { SESSION_KEYS, SessionController } from './controllers/session-controller.js';
import type { ChatWidgetAttachments } from './controllers/uploads.js';
import { fire } from './events.js';
import type { ChatPrompt, DisclaimerPart, HeaderAction } from './internal/branding-options.js';
import type { ComposerModel, ComposerTool } from './internal/composer-tools.js';
import {
  adoptStyles,
  ElementBase,
  type PropertyDeclaration,
  type Style,
} from './internal/element-base.js';
import { createLauncher, element, updateLauncher } from './internal/launcher.js';
import { layoutStyles } from './internal/layout.styles.js';
import { loaderStrings } from './internal/loader-strings.js';
import { isRtl, type LocaleTag, matchLocale } from './internal/locale.js';
import { loadPack } from './internal/locale-packs.js';
import type { HostItemRenderer } from './internal/message-list.js';
import { pageUrl } from './internal/page-url.js';
import type { PanelBridge } from './internal/panel/bridge.js';
import type { Panel } from './internal/panel/panel.js';
import type { ChatWidgetStrings } from './internal/strings.js';
import { VERSION } from './version.js';

export type ChatWidgetMode = 'launcher' | 'inline' | 'sidebar';
export type ChatWidgetTheme = 'light' | 'dark' | 'auto';

/** Parses the `prompts` attribute: a JSON array of prompts (or one prompt per line). */
const promptsConverter = {
  fromAttribute(value: string | null): ChatPrompt[] {
    if (!value) return [];
    try {
      const parsed: unknown = JSON.parse(value);
      // Checked where they are shown (validPrompts).
      if (Array.isArray(parsed)) return parsed as ChatPrompt[];
    } catch {
      // Not JSON: one prompt per line.
    }
    return value
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
  },
};

/** How many finished replies the screen-reader log keeps. */
const ANNOUNCE_KEEP = 3;
/** Launcher mode: after this long (ms) on the page, fetch the panel when the browser is idle. */
const PREFETCH_AFTER = 4000;

/**
 * `<chat-widget>`: an embeddable AI chat for signed-in users. It gets short-lived
 * JWTs from a Better Auth server (or any token source) and talks to a ChatKit
 * protocol backend.
 *
 * @attr auth-url - Better Auth base URL incl. its base path, e.g. `/api/auth`.
 * @attr api-url - The ChatKit endpoint (every operation is a POST to it).
 * @attr mode - `launcher` (floating button + panel, default), `inline` (fills the element) or `sidebar` (docked to a side of the viewport, full height).
 * @attr side - Sidebar mode: `end` (default) or `start` of the line, so mirrored right to left.
 * @attr push - Sidebar mode: while open, the page's body gets a margin on the docked side instead of being covered.
 * @attr auto-height - Inline mode: the panel grows with its content in the page's flow (no inner scroll).
 * @attr heading-level - 1–6: the level replies' `#` headings render at; the panel title is one above (at least 1).
 * @attr assistant-name - The assistant's name: header title (thread title below it) and the label of its replies.
 * @attr assistant-avatar - Image URL (http/https only) or up to 3 letters; default: the name's initials.
 * @attr user-avatar - Image URL (http/https only) or up to 3 letters beside the user's messages.
 * @attr disclaimer - A line under the composer; `[text](https://…)` makes a link (http/https only).
 * @attr launcher-label - Text on the launcher ("Ask us"): a pill instead of the round button.
 * @attr open - Launcher mode: whether the panel is open.
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme).
 * @attr greeting - Heading of the start screen.
 * @attr placeholder - Composer placeholder.
 * @attr prompts - Suggested prompts on the start screen: a JSON array of strings or `{ label, prompt?, icon? }`.
 * @attr thread-id - The conversation shown; reflects the current one, set it to load one.
 * @attr locale - BCP 47 locale, sent as Accept-Language and used for dates.
 * @attr sign-in-url - Where the Sign in button goes when the host does not handle `chat-sign-in-request`.
 * @attr heading - Panel title (default "Chat").
 * @attr no-feedback - Hides the 👍/👎 buttons under replies.
 * @attr attachments - Turns file attachments on (defaults), or their options as JSON; see the `attachments` property.
 * @attr dictation - Shows a microphone in the composer (the backend must answer `input.transcribe`).
 * @attr tools - Tools the user can pick in the composer: a JSON array of `{ id, label, shortLabel?, placeholderOverride?, pinned?, persistent? }`.
 * @attr models - Models the user can pick: a JSON array of `{ id, label, description?, disabled?, default? }`.
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
 * @fires {CustomEvent<ChatHeaderActionDetail>} chat-header-action - One of the `headerActions` buttons was pressed. `detail: { id }`
 * @fires {CustomEvent<ChatWidgetActionDetail>} chat-widget-action - A widget control fired an action (cancelable: cancelling keeps a server action from being sent; `handler: "client"` actions are the host's to handle). `detail: { action, itemId, values }`
 *
 * @csspart launcher - The floating button.
 * @csspart badge - The dot on the launcher when a reply finished while the panel was closed.
 * @csspart panel - The chat panel.
 * @csspart header - The panel header.
 * @csspart title - The panel title.
 * @csspart subtitle - The thread's title under the assistant's name (with `assistant-name`).
 * @csspart header-action - A button of `headerActions` (icon; its label shows when the panel is 520px or wider).
 * @csspart avatar - Every avatar; also `assistant-avatar` or `user-avatar` (an `img`, or a `span` of initials).
 * @csspart assistant-avatar - The assistant's avatar (header and replies), with `avatar`.
 * @csspart user-avatar - The user's avatar beside their messages, with `avatar`.
 * @csspart disclaimer - The line under the composer.
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
 * @csspart dictate-button - The microphone (`dictation`); `aria-pressed="true"` while recording.
 * @csspart dictation-status - "Listening…" / "Transcribing…" under the composer.
 * @csspart dictation-error - Why dictation failed (microphone blocked or missing, server error).
 * @csspart composer-tools - The row with the tool menu and the model select.
 * @csspart tools-button - Opens the tool menu.
 * @csspart tool-menu - The tool menu.
 * @csspart tool-option - A tool in the menu (`aria-checked` when chosen).
 * @csspart pinned-tool - A pinned tool's toggle button (`aria-pressed` when chosen).
 * @csspart tool-chip - The chosen tool; removes it.
 * @csspart model-select - The model select.
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
 * @cssprop --chat-sidebar-width - Sidebar width (default 380px; the whole width on narrow screens).
 * @cssprop --chat-z-index - Stacking order of launcher and panel.
 * @cssprop --chat-offset - Distance of launcher and panel from the viewport corner.
 * @cssprop --chat-launcher-size - Launcher diameter.
 * @cssprop --chat-widget-success - Widget status colour `success` (also `-danger`, `-warning`, `-caution`, `-info`, `-discovery`).
 * @cssprop --chat-widget-space - One widget spacing step (default 4px): `gap: 2` is two steps.
 */
export class ChatWidget extends ElementBase {
  static override styles = styles + layoutStyles;
  static readonly version: string = VERSION;
  // The reactive properties; each has the attribute of its name in kebab-case (authUrl:
  // auth-url) unless `attribute` says otherwise.
  static override properties: Record<string, PropertyDeclaration> = {
    authUrl: {},
    apiUrl: {},
    mode: { reflect: true },
    open: { type: Boolean, reflect: true },
    theme: { reflect: true },
    heading: {},
    greeting: {},
    placeholder: {},
    prompts: { converter: promptsConverter },
    threadId: { reflect: true },
    locale: {},
    signInUrl: {},
    noFeedback: { type: Boolean },
    // The attribute's text is read by the panel (internal/attachments-attribute.ts).
    attachments: {},
    side: {},
    push: { type: Boolean },
    autoHeight: { type: Boolean, reflect: true },
    headingLevel: { type: Number },
    assistantName: {},
    assistantAvatar: {},
    userAvatar: {},
    disclaimer: {},
    launcherLabel: {},
    headerActions: { attribute: false },
    dictation: { type: Boolean },
    // Attributes: JSON arrays (invalid JSON → none).
    tools: { type: Array },
    models: { type: Array },
    strings: { attribute: false },
    tokenManager: { attribute: false },
    authClient: { attribute: false },
    getToken: { attribute: false },
    sessionToken: { attribute: false },
    renderItem: { attribute: false },
    onClientTool: { attribute: false },
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
  /** Suggested prompts: strings, or `{ label, prompt?, icon? }` (attribute: JSON array). */
  prompts: ChatPrompt[] = [];
  /** The conversation shown (`null`: a new one). Reflects to `thread-id`. */
  threadId: string | null = null;
  locale: string | null = null;
  signInUrl: string | null = null;
  /** Hides the 👍/👎 buttons under replies (attribute `no-feedback`). */
  noFeedback = false;
  /**
   * File attachments in the composer (`null`: off): accept, maxSize, maxCount as ChatKit's
   * `composer.attachments`, and the `uploadStrategy` (two-phase by default). The
   * attribute's text (empty, or the options as JSON) reads back here as a string.
   */
  declare attachments: ChatWidgetAttachments | string | null | undefined;
  /** Overrides for any user-visible text. */
  strings: Partial<ChatWidgetStrings> = {};
  /** Sidebar mode: docked at the `end` (default) or `start` of the line. */
  side: 'start' | 'end' = 'end';
  /** Sidebar mode: push the page (a body margin) instead of covering it. */
  push = false;
  /** Inline mode: grow with the content in the page's flow (attribute `auto-height`). */
  autoHeight = false;
  /** 1–6: the level of replies' `#` headings (attribute `heading-level`); `null`: unshifted. */
  headingLevel: number | null = null;
  assistantName: string | null = null;
  /** Image URL (http/https) or initials (attribute `assistant-avatar`). */
  assistantAvatar: string | null = null;
  /** Image URL (http/https) or initials (attribute `user-avatar`). */
  userAvatar: string | null = null;
  /** The line under the composer: text with `[text](url)` links, or parts. */
  disclaimer: string | DisclaimerPart[] | null = null;
  /** Text on the launcher (attribute `launcher-label`). */
  launcherLabel: string | null = null;
  /** One or two header buttons; pressing one fires `chat-header-action` with its `id`. */
  headerActions: HeaderAction[] = [];
  /** A microphone in the composer: records, sends `input.transcribe`, puts the text in the composer. */
  dictation = false;
  /** Tools the user can pick (ChatKit's `composer.tools`), sent as `inference_options.tool_choice`. */
  tools: ComposerTool[] = [];
  /** Models the user can pick (ChatKit's `composer.models`), sent as `inference_options.model`. */
  models: ComposerModel[] = [];

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

  // Internal state (an update is requested where it changes outside an update).
  /** A reply finished while the launcher panel was closed. */
  #unread = false;
  /** The loaded locale pack (`null`: English). */
  #pack?: ChatWidgetStrings | undefined;
  /** The pack wanted now (a load that resolves for another one is dropped). */
  #wantedPack?: LocaleTag | null;
  /** The panel, once its module has loaded. */
  #panel?: Panel | undefined;
  /** The panel's module is loading or loaded. */
  #panelLoad?: Promise<Panel> | undefined;
  /** Its stylesheets, adopted beside the element's own. */
  #panelStyles: Style[] = [];
  /** Loading the panel's module failed: the frame offers to try again. */
  #panelFailed = false;
  #prefetchTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #session = new SessionController(this, (status, previous) =>
    this.#onAuthStatus(status, previous),
  );

  /** What the panel may use of this element beyond its public API. */
  readonly #bridge: PanelBridge = {
    strings: () => this.#s,
    status: () => this.#session.status,
    signedIn: () => this.#signedIn,
    fetch: (input, init) => this.#session.fetch(input, init),
    token: () => this.#session.manager!.getToken(),
    markUnread: () => {
      this.#unread = true;
      this.requestUpdate();
    },
    announce: (text) => {
      // Additions only (what a polite log reads out); the oldest go.
      const log = this.#logEl;
      log?.append(Object.assign(element('p'), { textContent: text }));
      while (log && log.childElementCount > ANNOUNCE_KEEP) log.firstElementChild?.remove();
    },
    viewChanged: () => {
      // The panel's content changed between sign-in prompt and chat: put focus somewhere
      // useful, unless the user is busy elsewhere on the page.
      const active = document.activeElement;
      const lost = active === document.body || active === null;
      if (this.open && (active === this || (lost && this.#userOpened))) void this.#focusFirst();
    },
  };

  #ready = false;
  /** The panel was opened by the user or the host after load (focus may move into it). */
  #userOpened = false;

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
    await (await this.#loadPanel()).sendMessage(text);
  }

  /** Shows the conversation `id`, or a new one for `null`. */
  async setThread(id: string | null): Promise<void> {
    await (await this.#loadPanel()).setThread(id);
  }

  /** Moves focus to the message box (opening the panel in launcher mode). */
  async focusComposer(): Promise<void> {
    if (this.mode !== 'inline' && !this.open) this.open = true;
    await (await this.#loadPanel()).focusComposer();
  }

  /** Signs out through the token manager (all tabs) and forgets the conversation. */
  async signOut(): Promise<void> {
    this.#panel?.reset();
    await this.#session.signOut();
  }

  /** Asks the token manager to try again now, e.g. right after the host signed the user in. */
  async refreshAuth(): Promise<void> {
    await this.#session.refresh();
  }

  /** The auth status the widget is showing. */
  get authStatus(): AuthStatus {
    return this.#session.status;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    this.#configureSession();
    super.connectedCallback();
    this.addEventListener('keydown', this.#onHostKeydown);
    // Fetch the panel's code when the page has been idle a while, unless the user saves data.
    const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
    if (!this.#panelLoad && !saveData) {
      this.#prefetchTimer = setTimeout(
        () => (window.requestIdleCallback ?? setTimeout)(this.#onIntent),
        PREFETCH_AFTER,
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onHostKeydown);
    clearTimeout(this.#prefetchTimer);
    this.#ready = false;
    this.#panel?.detached();
  }

  override createRenderRoot(): ShadowRoot {
    const root = super.createRenderRoot();
    adoptStyles(root, this.#panelStyles);
    return root;
  }

  /** Imports the panel's module (once) and attaches the panel. */
  #loadPanel(): Promise<Panel> {
    this.#panelLoad ??= import('./internal/panel/panel.js').then(
      ({ Panel, styles, defaultStrings }) => {
        if (!this.#panel) {
          this.#defaults = defaultStrings;
          this.#panelStyles = styles;
          if (this.renderRoot) adoptStyles(this.renderRoot, styles);
          this.#panel = new Panel(this, this.#bridge);
          this.#panelFailed = false;
          this.requestUpdate();
          // Focus went to the empty frame while the code loaded: move it to where it belongs.
          if (this.open && this.shadowRoot?.activeElement?.id === 'panel') void this.#focusFirst();
        }
        return this.#panel;
      },
      (error: unknown) => {
        this.#panelLoad = undefined;
        this.#panelFailed = true;
        this.requestUpdate();
        fire(this, 'chat-error', {
          code: 'ERR_PANEL_LOAD',
          message: this.#s.errorNetwork,
          source: 'request',
          error,
        });
        throw error;
      },
    );
    return this.#panelLoad;
  }

  /** The user is likely to open the panel soon (or the page is idle): fetch its code. */
  readonly #onIntent = () => {
    clearTimeout(this.#prefetchTimer);
    this.#loadPanel().catch(() => {});
  };

  #configureSession() {
    this.#session.configure({
      tokenManager: this.tokenManager,
      authUrl: pageUrl(this.authUrl, 'auth-url') ? this.authUrl : null,
      authClient: this.authClient,
      getToken: this.getToken,
      sessionToken: this.sessionToken,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (SESSION_KEYS.some((key) => changed.has(key))) this.#configureSession();
    this.#pickPack();
    if (changed.has('open') && changed.get('open') !== undefined) {
      fire(this, this.open ? 'chat-open' : 'chat-close', {});
    }
    if (this.open) this.#unread = false;
    // Inline, or open: the panel is shown, so its code is needed now.
    if ((this.open || this.mode === 'inline') && !this.#panelLoad && !this.#panelFailed) {
      this.#onIntent();
    }
    this.#panel?.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.mode !== 'inline') {
      // An `open` panel on page load does not take focus from the page; opening it later does.
      if (this.open && changed.get('open') !== undefined) {
        this.#userOpened = true;
        void this.#focusFirst();
      } else if (changed.get('open') === true) {
        this.#userOpened = false;
        this.#panel?.closed();
        // Focus was in the panel (now gone): hand it to the launcher, never take it from the page.
        const active = document.activeElement;
        if (active === this || active === document.body || active === null) {
          this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
        }
      }
    }
    this.#panel?.updated();
  }

  /** The language asked for: the `locale` attribute, else the page's `lang`, else the browser's. */
  get #requestedLocale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en';
  }

  /** Loads the locale pack that fits the requested language (English needs none). */
  #pickPack() {
    const wanted = matchLocale(this.#requestedLocale);
    if (wanted === this.#wantedPack) return;
    this.#wantedPack = wanted;
    if (!wanted) {
      this.#pack = undefined;
      return;
    }
    loadPack(wanted).then(
      (pack) => {
        if (this.#wantedPack === wanted) {
          this.#pack = pack;
          this.requestUpdate();
        }
      },
      (error: unknown) => {
        // The English texts stay; say why once, for the site's developer.
        console.warn(`chat-widget: no ${wanted} pack`, error);
      },
    );
  }

  /** Focus into the panel: Sign in or the message box, else the panel itself. */
  async #focusFirst() {
    await this.updateComplete;
    (this.#panel?.focusTarget() ?? this.renderRoot.querySelector<HTMLElement>('#panel'))?.focus();
  }

  #onAuthStatus(status: AuthStatus, previous: AuthStatus | null) {
    fire(this, 'chat-auth-change', { status, previous });
    // Ready once the status has settled (a first token fetch passes through 'refreshing').
    if (!this.#ready && (status === 'signed-in' || status === 'signed-out' || status === 'error')) {
      this.#ready = true;
      fire(this, 'chat-ready', { status });
    }
    if (status === 'error' && previous !== 'error') {
      const error = this.#session.state?.error;
      fire(this, 'chat-error', {
        code: error?.code ?? 'ERR_UNKNOWN',
        message: this.#s.errorToken,
        source: 'auth',
        ...(error ? { error } : {}),
      });
    }
    this.#panel?.authChanged();
  }

  /** A token is (or is about to be) available: the chat can be used. */
  get #signedIn(): boolean {
    const status = this.#session.status;
    return (
      status === 'signed-in' ||
      (status === 'refreshing' && this.#session.state?.expiresAt !== undefined)
    );
  }

  readonly #onHostKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.#panel?.escape(event)) return;
    if (this.mode !== 'inline' && this.open) {
      event.preventDefault();
      this.hide();
    }
  };

  // ------------------------------------------------------------------ render

  /**
   * The texts in use: defaults, then the locale pack, then `strings`. Until the panel's
   * code has loaded, the defaults are only the loader's few (all it shows).
   */
  get #s(): ChatWidgetStrings {
    // Same object until an input changes (rendered messages are cached against it).
    const named = this.assistantName;
    const inputs = [this.strings, this.#pack, this.#defaults, named];
    if (inputs.some((input, i) => input !== this.#mergedFrom[i])) {
      this.#mergedFrom = inputs;
      const requested = this.#requestedLocale;
      // English texts for an English variant (en-GB) keep its dates and numbers.
      const locale = this.#pack?.locale ?? (/^en\b/i.test(requested) ? requested : 'en');
      this.#merged = {
        ...this.#defaults,
        locale,
        ...this.#pack,
        // The assistant's name labels its replies.
        ...(named ? { assistant: named } : {}),
        ...this.strings,
      } as ChatWidgetStrings;
    }
    return this.#merged;
  }
  #defaults: Partial<ChatWidgetStrings> = loaderStrings;
  /** What #merged was made from: strings, pack, defaults, assistant name. */
  #mergedFrom: unknown[] = [];
  #merged = loaderStrings as ChatWidgetStrings;

  // The element's own DOM, built once (the loader has no template library): the root, the
  // panel's frame (the panel renders into it once its code has loaded), the launcher and a
  // live region for replies.
  #rootEl?: HTMLElement | undefined;
  #frameEl?: HTMLElement | undefined;
  #launcherEl?: HTMLButtonElement | undefined;
  #logEl?: HTMLElement | undefined;
  /** The frame the panel has rendered into (a new frame starts empty). */
  #panelFrame?: HTMLElement | undefined;

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const floating = this.mode !== 'inline';
    const s = this.#s;
    if (!this.#rootEl) {
      this.#rootEl = element('div');
      this.#logEl = element('div', {
        class: 'sr-only',
        role: 'log',
        'aria-live': 'polite',
        'aria-relevant': 'additions',
      });
      this.#rootEl.append(this.#logEl);
      this.renderRoot.append(this.#rootEl);
    }
    const root = this.#rootEl;
    const layout =
      this.mode === 'sidebar'
        ? ` sidebar${this.side === 'start' ? ' start' : ''}`
        : !floating && this.autoHeight
          ? ' auto'
          : '';
    root.className = `root ${floating ? 'floating' : 'inline'}${this.open ? ' open' : ''}${layout}`;
    root.lang = s.locale;
    root.dir = isRtl(s.locale) ? 'rtl' : 'ltr';
    if (!floating || this.open) this.#updateFrame();
    else {
      // Closed: the panel's DOM goes; opening again renders it afresh.
      this.#frameEl?.remove();
      this.#frameEl = undefined;
    }
    if (floating) {
      this.#launcherEl ??= createLauncher(() => this.toggle(), this.#onIntent);
      if (!this.#launcherEl.isConnected)
        root.insertBefore(this.#launcherEl, this.#logEl as HTMLElement);
      updateLauncher(this.#launcherEl, {
        open: this.open,
        unread: this.#unread,
        strings: s,
        label: this.launcherLabel,
      });
    } else {
      this.#launcherEl?.remove();
    }
  }

  /** The panel's frame: the panel itself once loaded, else a label (and a Retry if it failed). */
  #updateFrame() {
    const s = this.#s;
    if (!this.#frameEl) {
      this.#frameEl = element('section', {
        class: 'panel',
        part: 'panel',
        id: 'panel',
        tabindex: '-1',
        'aria-labelledby': 'title',
      });
      this.#rootEl?.prepend(this.#frameEl);
    }
    const frame = this.#frameEl;
    frame.setAttribute('role', this.mode === 'launcher' ? 'dialog' : 'region');
    if (this.#panel) {
      frame.removeAttribute('aria-busy');
      if (this.#panelFrame !== frame) frame.replaceChildren();
      this.#panelFrame = frame;
      this.#panel.renderInto(frame);
      return;
    }
    const title = element('h2', { class: 'sr-only', id: 'title' });
    title.textContent = this.heading ?? s.heading;
    frame.replaceChildren(title);
    frame.toggleAttribute('aria-busy', !this.#panelFailed);
    if (this.#panelFailed) {
      const error = frame.appendChild(element('p', { class: 'load-error', role: 'alert' }));
      const retry = element('button', { type: 'button' });
      retry.textContent = s.tryAgain;
      retry.addEventListener('click', this.#retryPanel);
      error.append(s.errorNetwork, retry);
    }
  }

  readonly #retryPanel = () => {
    this.#panelFailed = false;
    this.requestUpdate();
    this.#loadPanel().then(
      () => this.#focusFirst(),
      () => {},
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
  }
}
