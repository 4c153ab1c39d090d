/**
 * `@chat-widget/element/svelte`: element types for `<chat-widget>` in Svelte 5
 * (svelte-check). Add `import type {} from '@chat-widget/element/svelte';` once,
 * e.g. in `src/app.d.ts`. Svelte 5 sets properties on custom elements and
 * `onchat-response-end={fn}` listens to the event.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type {
  ChatWidget,
  ChatWidgetAttributes,
  ChatWidgetEventHandlers,
  ChatWidgetProperties,
} from './shared.js';

/** Everything `<chat-widget>` accepts in a Svelte 5 template. */
export type ChatWidgetSvelteProps = Omit<
  HTMLAttributes<ChatWidget>,
  keyof ChatWidgetAttributes | keyof ChatWidgetProperties
> &
  ChatWidgetAttributes &
  ChatWidgetProperties &
  ChatWidgetEventHandlers;

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'chat-widget': ChatWidgetSvelteProps;
  }
}
