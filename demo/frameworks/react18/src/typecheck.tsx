// Compile-time checks of the React 18 component's props (tsc -p demo/frameworks); never imported at run time.
import { ChatWidget } from '@chat-widget/element/react18';

export const ok = (
  <ChatWidget
    mode="inline"
    apiUrl="/api/chatkit"
    getToken={async () => null}
    strings={{ send: 'Go' }}
    className="chat"
    onChatResponseEnd={(event) => event.detail.text.toUpperCase()}
    onChatWidgetAction={(event) => event.detail.action.type}
  />
);
// @ts-expect-error getToken is a function, not a string
export const badToken = <ChatWidget getToken="nope" />;
// @ts-expect-error mode is 'launcher' | 'inline' | 'sidebar'
export const badMode = <ChatWidget mode="floating" />;
// @ts-expect-error the detail of chat-response-end has no `foo`
export const badDetail = <ChatWidget onChatResponseEnd={(event) => event.detail.foo} />;
// @ts-expect-error no event is called chat-nothing
export const badEvent = <ChatWidget onChatNothing={() => {}} />;
