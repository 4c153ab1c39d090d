/**
 * `@chat-widget/element/react`: JSX types for `<chat-widget>` in React 19.
 * Add `import type {} from '@chat-widget/element/react';` once (e.g. in your
 * entry file or a `.d.ts`). React 19 sets properties and listens to custom
 * events natively, so no wrapper component is needed:
 *
 * ```tsx
 * <chat-widget api-url="/api/chatkit" getToken={getToken}
 *   onchat-response-end={(e) => console.log(e.detail.text)} />
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  ChatWidget,
  ChatWidgetAttributes,
  ChatWidgetEventHandlers,
  ChatWidgetProperties,
} from './shared.js';

/** Everything `<chat-widget>` accepts in React 19 JSX. */
export type ChatWidgetReactProps = Omit<
  DetailedHTMLProps<HTMLAttributes<ChatWidget>, ChatWidget>,
  keyof ChatWidgetAttributes | keyof ChatWidgetProperties
> &
  ChatWidgetAttributes &
  ChatWidgetProperties &
  ChatWidgetEventHandlers & {
    /** React 19 passes `class` through to custom elements as well as `className`. */
    class?: string;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': ChatWidgetReactProps;
    }
  }
}
