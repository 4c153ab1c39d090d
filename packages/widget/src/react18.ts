/**
 * `@chat-widget/element/react18`: a React component for `<chat-widget>`, for React 18
 * (it works in React 19 too, where the plain tag needs no wrapper). React 18 passes every
 * prop of a custom element as a string attribute and cannot listen to custom events; this
 * component sets each prop as the element's property and turns `onChat…` props into
 * listeners for the `chat-…` events.
 *
 * ```tsx
 * import { ChatWidget } from '@chat-widget/element/react18';
 * <ChatWidget apiUrl="/api/chatkit" getToken={getToken}
 *   onChatResponseEnd={(e) => console.log(e.detail.text)} />
 * ```
 *
 * Built with `@lit/react` (bundled into this entry, so it is no dependency of the
 * package). It imports the element only through the package's public entry, so it
 * registers `<chat-widget>` as `import '@chat-widget/element'` does.
 */

import {
  ChatWidget as ChatWidgetElement,
  type ChatWidgetEventMap,
  type ChatWidgetEventName,
  type ChatWidgetProperties,
} from '@chat-widget/element';
import { createComponent, type EventName } from '@lit/react';
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from 'react';
import * as React from 'react';

/** `chat-response-end` → `ChatResponseEnd`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** The callback prop of event `K`: `chat-response-end` → `onChatResponseEnd`. */
export type ChatWidgetCallbackName<K extends ChatWidgetEventName = ChatWidgetEventName> =
  `on${Pascal<K>}`;

/** One `onChat…` callback per event of the element, called with the typed event. */
export type ChatWidgetCallbacks = {
  [K in ChatWidgetEventName as ChatWidgetCallbackName<K>]?: (event: ChatWidgetEventMap[K]) => void;
};

/**
 * Props of the React 18 component: the element's properties (camelCase, set as
 * properties, so functions and objects work), `onChat…` callbacks, and the usual HTML
 * props (`className`, `style`, `id`, …) for the host element.
 */
export type ChatWidgetProps = Omit<
  HTMLAttributes<ChatWidgetElement>,
  keyof ChatWidgetProperties | keyof ChatWidgetCallbacks
> &
  ChatWidgetProperties &
  ChatWidgetCallbacks;

/**
 * Callback prop → event name. `satisfies` makes a missing or misspelt event a type
 * error: every event in `ChatWidgetEventMap` has its callback here.
 */
const events = {
  onChatReady: 'chat-ready',
  onChatOpen: 'chat-open',
  onChatClose: 'chat-close',
  onChatAuthChange: 'chat-auth-change',
  onChatThreadChange: 'chat-thread-change',
  onChatResponseStart: 'chat-response-start',
  onChatResponseEnd: 'chat-response-end',
  onChatError: 'chat-error',
  onChatSignInRequest: 'chat-sign-in-request',
  onChatWidgetAction: 'chat-widget-action',
  onChatEffect: 'chat-effect',
  onChatFeedback: 'chat-feedback',
  onChatHeaderAction: 'chat-header-action',
} as const satisfies { [K in ChatWidgetEventName as ChatWidgetCallbackName<K>]: K };

/** `<chat-widget>` as a React component; its ref is the element instance. */
export const ChatWidget: ForwardRefExoticComponent<
  ChatWidgetProps & RefAttributes<ChatWidgetElement>
> = createComponent({
  react: React,
  tagName: 'chat-widget',
  elementClass: ChatWidgetElement,
  events: events as {
    [P in keyof typeof events]: EventName<ChatWidgetEventMap[(typeof events)[P]]>;
  },
  displayName: 'ChatWidget',
});

export { ChatWidgetElement };
