// Types for <chat-widget> in templates (vue-tsc / Volar), and for .vue imports in .ts files.
/// <reference types="@chat-widget/element/vue" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
