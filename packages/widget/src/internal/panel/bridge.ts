// What the panel needs from its element beyond the element's public properties: the
// element's private state, handed over as functions so none of it becomes public API.
import type { AuthStatus } from '@chat-widget/auth';
import type { ChatWidgetStrings } from '../strings.js';

export interface PanelBridge {
  /** The texts in use (defaults, locale pack and `strings` merged). */
  strings(): ChatWidgetStrings;
  /** The auth status shown. */
  status(): AuthStatus;
  /** A token is (or is about to be) available. */
  signedIn(): boolean;
  /** fetch with the bearer token of the current session. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The current bearer token (uploads with progress go through XMLHttpRequest, not fetch). */
  token(): Promise<string>;
  /** A reply finished while the launcher panel was closed. */
  markUnread(): void;
  /** Says `text` through the element's live region. */
  announce(text: string): void;
  /** The panel switched between chat, sign-in prompt and waiting: focus may need to move. */
  viewChanged(): void;
}
