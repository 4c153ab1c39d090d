// Types for <chat-widget> in Svelte templates (svelte-check), and for .svelte imports in .ts files.
/// <reference types="@chat-widget/element/svelte" />

declare module '*.svelte' {
  import type { Component } from 'svelte';

  const component: Component;
  export default component;
}
