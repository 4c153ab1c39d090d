// Compile-time checks of the React augmentation (tsc -p demo/frameworks); never imported at run time.
import type {} from '@chat-widget/element/react';

export const ok = (
  <chat-widget
    mode="inline"
    api-url="/api/chatkit"
    getToken={async () => null}
    onchat-response-end={(event) => event.detail.text.toUpperCase()}
  />
);
// @ts-expect-error getToken is a function, not a string
export const badToken = <chat-widget getToken="nope" />;
// @ts-expect-error mode is 'launcher' | 'inline' | 'sidebar'
export const badMode = <chat-widget mode="floating" />;
// @ts-expect-error the detail of chat-response-end has no `foo`
export const badDetail = <chat-widget onchat-response-end={(event) => event.detail.foo} />;
