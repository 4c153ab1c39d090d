// React 19: <chat-widget> needs no wrapper. React sets `getToken` as a
// property (the element defines it) and `onchat-*` props become listeners for
// the element's custom events. The JSX types come from the /react subpath.
import '@chat-widget/element';
import type { ChatResponseEndDetail, ChatWidget } from '@chat-widget/element';
import type {} from '@chat-widget/element/react';
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken, tokenCalls } from '../../shared/get-token.js';
import '../../shared/app.css';

function App() {
  const [events, setEvents] = useState<string[]>([]);
  const [lastReply, setLastReply] = useState('');
  const [calls, setCalls] = useState(0);
  const [status, setStatus] = useState('');
  const widget = useRef<ChatWidget>(null);
  const log = (line: string) => {
    setEvents((list) => [...list, line]);
    setCalls(tokenCalls.count);
    // A ref works too: the element instance is typed, its getters and methods usable.
    setStatus(widget.current?.authStatus ?? 'no element');
  };

  const onEnd = (event: CustomEvent<ChatResponseEndDetail>) => {
    log(`chat-response-end: ${event.detail.reason}`);
    setLastReply(event.detail.text);
  };

  return (
    <main>
      <h1>chat-widget in React 19</h1>
      <chat-widget
        ref={widget}
        mode="inline"
        api-url="/api/chatkit"
        greeting="Hello from React"
        getToken={getToken}
        onchat-ready={(event) => log(`chat-ready: ${event.detail.status}`)}
        onchat-response-start={() => log('chat-response-start')}
        onchat-response-end={onEnd}
      />
      <aside>
        <h2>Events the app received</h2>
        <ol data-testid="events">
          {events.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log
            <li key={i}>{line}</li>
          ))}
        </ol>
        <p>
          Last reply: <output data-testid="last-reply">{lastReply}</output>
        </p>
        <p>
          getToken calls: <output data-testid="token-calls">{calls}</output>
        </p>
        <p>
          authStatus via ref: <output data-testid="auth-status">{status}</output>
        </p>
      </aside>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
