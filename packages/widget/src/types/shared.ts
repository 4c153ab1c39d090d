// Framework-neutral descriptions of what a template may put on <chat-widget>:
// its attributes, its settable properties and its events. The React, Vue and
// Svelte augmentations are built from these.
import type { ChatWidget, ChatWidgetMode, ChatWidgetTheme } from '../chat-widget.js';
import type { ChatWidgetEventMap } from '../events.js';

/** The element's HTML attributes (kebab-case; values are strings or booleans). */
export interface ChatWidgetAttributes {
  'auth-url'?: string;
  'api-url'?: string;
  mode?: ChatWidgetMode;
  open?: boolean;
  theme?: ChatWidgetTheme;
  heading?: string;
  greeting?: string;
  placeholder?: string;
  /** JSON array of strings or `{ label, prompt?, icon? }`, or one prompt per line. */
  prompts?: string;
  'thread-id'?: string;
  locale?: string;
  'sign-in-url'?: string;
  'no-feedback'?: boolean;
  side?: 'start' | 'end';
  push?: boolean;
  'auto-height'?: boolean;
  'heading-level'?: number | string;
  'assistant-name'?: string;
  'assistant-avatar'?: string;
  'user-avatar'?: string;
  /** Text; `[text](https://…)` makes a link. */
  disclaimer?: string;
  'launcher-label'?: string;
  dictation?: boolean;
  /** Present (or `""`): attachments on with defaults; or their options as JSON. */
  attachments?: boolean | string;
  /** JSON array of `ComposerTool`. */
  tools?: string;
  /** JSON array of `ComposerModel`. */
  models?: string;
}

/** Names of the public properties a framework may set on the element. */
export type ChatWidgetPropertyName =
  | 'authUrl'
  | 'apiUrl'
  | 'mode'
  | 'open'
  | 'theme'
  | 'heading'
  | 'greeting'
  | 'placeholder'
  | 'prompts'
  | 'threadId'
  | 'locale'
  | 'signInUrl'
  | 'noFeedback'
  | 'side'
  | 'push'
  | 'autoHeight'
  | 'headingLevel'
  | 'assistantName'
  | 'assistantAvatar'
  | 'userAvatar'
  | 'disclaimer'
  | 'launcherLabel'
  | 'headerActions'
  | 'dictation'
  | 'attachments'
  | 'tools'
  | 'models'
  | 'strings'
  | 'tokenManager'
  | 'authClient'
  | 'getToken'
  | 'sessionToken'
  | 'renderItem'
  | 'onClientTool';

/** The element's settable properties (functions and objects go here, not in attributes). */
export type ChatWidgetProperties = Partial<Pick<ChatWidget, ChatWidgetPropertyName>>;

/**
 * `on<event-name>` handler props, the form React 19 and Svelte 5 use for custom
 * element events: `onchat-response-end={(e) => e.detail.text}`.
 */
export type ChatWidgetEventHandlers = {
  [K in keyof ChatWidgetEventMap as `on${K}`]?: (event: ChatWidgetEventMap[K]) => void;
};

export type { ChatWidget, ChatWidgetEventMap };
