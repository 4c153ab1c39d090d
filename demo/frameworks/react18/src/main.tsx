// React 18: properties and custom events need the wrapper component from the
// /react18 subpath (React 18 would stringify `getToken` into an attribute and cannot
// listen to `chat-*` events through props). `react` here is React 18.3 (vite.config.ts).
import type { ChatResponseEndDetail } from '@chat-widget/element';
import { ChatWidget, type ChatWidgetElement } from '@chat-widget/element/react18';
import { StrictMode, useRef, useState, version } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken, tokenCalls } from '../../shared/get-token.js';
import '../../shared/app.css';

function App() {
  const [events, setEvents] = useState<string[]>([]);
  const [lastReply, setLastReply] = useState('');
  const [calls, setCalls] = useState(0);
  const [status, setStatus] = useState('');
  const widget = useRef<ChatWidgetElement>(null);
  const log = (line: string) => {
    setEvents((list) => [...list, line]);
    setCalls(tokenCalls.count);
    // The ref is the element instance, typed.
    setStatus(widget.current?.authStatus ?? 'no element');
  };

  const onEnd = (event: CustomEvent<ChatResponseEndDetail>) => {
    log(`chat-response-end: ${event.detail.reason}`);
    setLastReply(event.detail.text);
  };

  return (
    <main>
      <h1>chat-widget in React 18</h1>
      <ChatWidget
        ref={widget}
        mode="inline"
        apiUrl="/api/chatkit"
        greeting="Hello from React 18"
        getToken={getToken}
        onChatReady={(event) => log(`chat-ready: ${event.detail.status}`)}
        onChatResponseStart={() => log('chat-response-start')}
        onChatResponseEnd={onEnd}
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
        <p>
          React <output data-testid="react-version">{version}</output>
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
