// Compile-time checks of the Vue augmentation (tsc -p demo/frameworks); never imported at run time.
// vue-tsc / Volar read the same GlobalComponents entry when checking App.vue.
import type { ChatResponseEndDetail } from '@chat-widget/element';
import type {} from '@chat-widget/element/vue';
import type { GlobalComponents } from 'vue';

type Instance = InstanceType<GlobalComponents['chat-widget']>;
type Props = Instance['$props'];

export const ok: Props = {
  mode: 'inline',
  'api-url': '/api/chatkit',
  getToken: async () => null,
  class: 'chat',
};
// @ts-expect-error getToken is a function, not a string
export const badToken: Props = { getToken: 'nope' };
// @ts-expect-error mode is 'launcher' | 'inline' | 'sidebar'
export const badMode: Props = { mode: 'floating' };

export function emits(instance: Instance, detail: ChatResponseEndDetail) {
  instance.$emit('chat-response-end', new CustomEvent('chat-response-end', { detail }));
  // @ts-expect-error no such event
  instance.$emit('chat-nope', new CustomEvent('x'));
}
