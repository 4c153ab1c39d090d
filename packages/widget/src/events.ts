/**
 * Typed DOM events fired by `<chat-widget>`. Every event bubbles and is
 * composed, so a host page can listen on the element or any ancestor.
 */
import type { AuthStatus } from '@chat-widget/auth';
import type { ChatErrorCode } from './controllers/failure.js';
import type { WidgetAction } from './widgets/types.js';

export interface ChatReadyDetail {
  /** Auth status at the moment the widget first knew it. */
  status: AuthStatus;
}
export interface ChatAuthChangeDetail {
  status: AuthStatus;
  /** Previous status, `null` for the first report. */
  previous: AuthStatus | null;
}
export interface ChatThreadChangeDetail {
  /** The thread now shown, `null` for a new (not yet created) conversation. */
  threadId: string | null;
  title: string | null;
}
export interface ChatResponseStartDetail {
  threadId: string | null;
}
export interface ChatResponseEndDetail {
  threadId: string | null;
  /** Id of the final assistant message, if one arrived. */
  itemId: string | null;
  /** Text of the assistant reply (all parts joined). */
  text: string;
  /** How the response ended. */
  reason: 'complete' | 'stopped' | 'error';
}
export interface ChatErrorDetail {
  /**
   * Stable code: a `TokenError` code (`ERR_SIGNED_OUT`, …), a `ChatKitError` code
   * (`ERR_HTTP`, `ERR_CONNECTION`, …), an in-stream error code (`stream.error`,
   * `custom`, …), or one of the widget's own: `ERR_EMPTY_STREAM`, `ERR_CLIENT_TOOL`, `ERR_PANEL_LOAD`,
   * `ERR_UNKNOWN`.
   */
  code: ChatErrorCode;
  /** What the widget showed (from `strings`; the server's text for `custom`). */
  message: string;
  /** Where it happened. */
  source: 'auth' | 'stream' | 'request';
  /** The original error object, when there is one. */
  error?: unknown;
}
export interface ChatSignInRequestDetail {
  /** The `sign-in-url` attribute, if any. */
  signInUrl: string | null;
}

export interface ChatEffectDetail {
  /** The effect's name, e.g. `confetti`. */
  name: string;
  /** Its data (`{}` when none). */
  data: Record<string, unknown>;
}

export interface ChatFeedbackDetail {
  threadId: string;
  /** The rated assistant message(s). */
  itemIds: string[];
  kind: 'positive' | 'negative';
}

export interface ChatWidgetActionDetail {
  /** The action with ChatKit's defaults applied (`handler`, `loadingBehavior`, `streaming`). */
  action: WidgetAction;
  /** Id of the widget item whose control fired it. */
  itemId: string;
  /** Form fields by name for form submits (and `onChangeAction`'s field), else null. */
  values: Record<string, unknown> | null;
}

/** `chat-header-action`: the user pressed one of the `headerActions` buttons. */
export interface ChatHeaderActionDetail {
  /** The `id` of that action. */
  id: string;
}

/** Map of event name → detail type; also used to augment GlobalEventHandlersEventMap. */
export interface ChatWidgetEventMap {
  'chat-ready': CustomEvent<ChatReadyDetail>;
  'chat-open': CustomEvent<Record<string, never>>;
  'chat-close': CustomEvent<Record<string, never>>;
  'chat-auth-change': CustomEvent<ChatAuthChangeDetail>;
  'chat-thread-change': CustomEvent<ChatThreadChangeDetail>;
  'chat-response-start': CustomEvent<ChatResponseStartDetail>;
  'chat-response-end': CustomEvent<ChatResponseEndDetail>;
  'chat-error': CustomEvent<ChatErrorDetail>;
  'chat-sign-in-request': CustomEvent<ChatSignInRequestDetail>;
  /** A widget control fired an action; cancel it to keep a server action from being sent. */
  'chat-widget-action': CustomEvent<ChatWidgetActionDetail>;
  'chat-effect': CustomEvent<ChatEffectDetail>;
  /** The server stored the user's 👍/👎 on a reply. */
  'chat-feedback': CustomEvent<ChatFeedbackDetail>;
  'chat-header-action': CustomEvent<ChatHeaderActionDetail>;
}

export type ChatWidgetEventName = keyof ChatWidgetEventMap;
type DetailOf<K extends ChatWidgetEventName> =
  ChatWidgetEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches a typed event from `target`. Returns false when a listener called
 * `preventDefault()` on a cancelable event.
 */
export function fire<K extends ChatWidgetEventName>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  cancelable = false,
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }),
  );
}

declare global {
  interface GlobalEventHandlersEventMap extends ChatWidgetEventMap {}
}
