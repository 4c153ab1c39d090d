// Compile-time checks of the Svelte augmentation (tsc -p demo/frameworks); never imported at run time.
// svelte-check reads the same SvelteHTMLElements entry when checking App.svelte.
import type {} from '@chat-widget/element/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

type Props = SvelteHTMLElements['chat-widget'];

export const ok: Props = {
  mode: 'inline',
  'api-url': '/api/chatkit',
  getToken: async () => null,
  'onchat-response-end': (event) => event.detail.text.toUpperCase(),
};
// @ts-expect-error getToken is a function, not a string
export const badToken: Props = { getToken: 'nope' };
// @ts-expect-error the detail of chat-response-end has no `foo`
export const badDetail: Props = { 'onchat-response-end': (event) => event.detail.foo };
