// The page both React apps render: the event log, the last reply, the getToken count and
// the element's authStatus read through a ref. Each app passes only what differs between
// React 19 and React 18: how <chat-widget> itself is written (`widget`). `react` is
// whichever React the importing app's build resolves (React 18.3 for react18/).
import type { ChatResponseEndDetail } from '@chat-widget/element';
import { type ReactNode, type RefObject, StrictMode, useRef, useState, version } from 'react';
import { createRoot } from 'react-dom/client';
import { tokenCalls } from './get-token.js';
import './app.css';

/** What an app wires into its <chat-widget>. */
export interface WidgetWiring<Element> {
  /** For the element's `ref`: the page reads `authStatus` through it. */
  ref: RefObject<Element | null>;
  /** Appends a line to the event log (and refreshes the counters). */
  log: (line: string) => void;
  /** The chat-response-end listener: logs the reason and shows the reply. */
  onEnd: (event: CustomEvent<ChatResponseEndDetail>) => void;
}

function App<Element extends { authStatus: string }>(props: {
  title: string;
  widget: (wiring: WidgetWiring<Element>) => ReactNode;
}) {
  const [events, setEvents] = useState<string[]>([]);
  const [lastReply, setLastReply] = useState('');
  const [calls, setCalls] = useState(0);
  const [status, setStatus] = useState('');
  const ref = useRef<Element>(null);
  const log = (line: string) => {
    setEvents((list) => [...list, line]);
    setCalls(tokenCalls.count);
    // The ref is the element instance, typed: its getters and methods are usable.
    setStatus(ref.current?.authStatus ?? 'no element');
  };
  const onEnd = (event: CustomEvent<ChatResponseEndDetail>) => {
    log(`chat-response-end: ${event.detail.reason}`);
    setLastReply(event.detail.text);
  };

  return (
    <main>
      <h1>{props.title}</h1>
      {props.widget({ ref, log, onEnd })}
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

/** Renders the demo page into #root with `widget` as its <chat-widget>. */
export function renderReactApp<Element extends { authStatus: string }>(
  title: string,
  widget: (wiring: WidgetWiring<Element>) => ReactNode,
): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App title={title} widget={widget} />
    </StrictMode>,
  );
}
