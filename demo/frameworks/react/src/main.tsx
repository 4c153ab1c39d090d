// React 19: <chat-widget> needs no wrapper. React sets `getToken` as a
// property (the element defines it) and `onchat-*` props become listeners for
// the element's custom events. The JSX types come from the /react subpath.
// The rest of the page is shared with the React 18 app (shared/react-app.tsx).
import '@chat-widget/element';
import type { ChatWidget } from '@chat-widget/element';
import type {} from '@chat-widget/element/react';
import { getToken } from '../../shared/get-token.js';
import { renderReactApp } from '../../shared/react-app.js';

renderReactApp<ChatWidget>('chat-widget in React 19', ({ ref, log, onEnd }) => (
  <chat-widget
    ref={ref}
    mode="inline"
    api-url="/api/chatkit"
    greeting="Hello from React"
    getToken={getToken}
    onchat-ready={(event) => log(`chat-ready: ${event.detail.status}`)}
    onchat-response-start={() => log('chat-response-start')}
    onchat-response-end={onEnd}
  />
));
