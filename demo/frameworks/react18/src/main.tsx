// React 18: properties and custom events need the wrapper component from the
// /react18 subpath (React 18 would stringify `getToken` into an attribute and cannot
// listen to `chat-*` events through props). `react` here is React 18.3 (vite.config.ts),
// for this file and the page it shares with the React 19 app (shared/react-app.tsx).
import { ChatWidget, type ChatWidgetElement } from '@chat-widget/element/react18';
import { getToken } from '../../shared/get-token.js';
import { renderReactApp } from '../../shared/react-app.js';

renderReactApp<ChatWidgetElement>('chat-widget in React 18', ({ ref, log, onEnd }) => (
  <ChatWidget
    ref={ref}
    mode="inline"
    apiUrl="/api/chatkit"
    greeting="Hello from React 18"
    getToken={getToken}
    onChatReady={(event) => log(`chat-ready: ${event.detail.status}`)}
    onChatResponseStart={() => log('chat-response-start')}
    onChatResponseEnd={onEnd}
  />
));
