// Types for <chat-widget> in templates (vue-tsc / Volar); the *.vue shim is for plain tsc.
/// <reference types="@chat-widget/element/vue" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
