/**
 * `@chat-widget/element/vue`: template types for `<chat-widget>` in Vue 3
 * (vue-tsc / Volar). Add `import type {} from '@chat-widget/element/vue';` once.
 * Tell the compiler it is a custom element: `compilerOptions.isCustomElement`
 * (see the README). Then `:getToken="fn"` sets the property and
 * `@chat-response-end="onEnd"` listens to the event.
 */
import type { AllowedComponentProps, EmitFn, HTMLAttributes, VNodeProps } from 'vue';
import type {
  ChatWidget,
  ChatWidgetAttributes,
  ChatWidgetEventMap,
  ChatWidgetProperties,
} from './shared.js';

/** Props `<chat-widget>` accepts in a Vue template. */
export type ChatWidgetVueProps = Omit<
  HTMLAttributes,
  keyof ChatWidgetAttributes | keyof ChatWidgetProperties
> &
  ChatWidgetAttributes &
  ChatWidgetProperties &
  VNodeProps &
  AllowedComponentProps;

/** Events `<chat-widget>` emits, as Vue `@event` handlers see them. */
export type ChatWidgetVueEmits = {
  [K in keyof ChatWidgetEventMap]: (event: ChatWidgetEventMap[K]) => void;
};

/** The shape Volar reads from `GlobalComponents`: an instance type with `$props` / `$emit`. */
export type ChatWidgetVueComponent = new () => ChatWidget & {
  /** Template type-checking only; not a runtime property. */
  $props: ChatWidgetVueProps;
  /** Template type-checking only; not a runtime property. */
  $emit: EmitFn<ChatWidgetVueEmits>;
};

declare module 'vue' {
  interface GlobalComponents {
    'chat-widget': ChatWidgetVueComponent;
  }
}
