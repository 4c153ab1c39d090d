// Types for <chat-widget> in Svelte templates (svelte-check); the *.svelte shim is for tsc/vue-tsc.
/// <reference types="@chat-widget/element/svelte" />

declare module '*.svelte' {
  import type { Component } from 'svelte';

  const component: Component;
  export default component;
}
