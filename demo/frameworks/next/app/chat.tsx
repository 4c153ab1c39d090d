'use client';
// <chat-widget> in a client component. It fetches its JWTs from Better Auth by
// itself (auth-url + the session cookie) and talks to app/api/chatkit.
//
// Rendered only in the browser, once the element is defined: its module needs
// `customElements` (absent on the server), and React 19 does not attach
// `onchat-*` listeners to a custom element it hydrates from server HTML
// (react/react#35446). Rendering it after the import sidesteps both, and React
// then sets properties such as `getToken` on the defined element.
import type {} from '@chat-widget/element/react';
import { useEffect, useState } from 'react';

export function Chat() {
  const [defined, setDefined] = useState(false);
  const [lastEvent, setLastEvent] = useState('');
  useEffect(() => {
    let live = true;
    void import('@chat-widget/element').then(() => live && setDefined(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      {defined ? (
        <chat-widget
          mode="inline"
          auth-url="/api/auth"
          api-url="/api/chatkit"
          greeting="Hello from Next.js"
          onchat-ready={(event) => setLastEvent(`chat-ready: ${event.detail.status}`)}
          onchat-response-end={(event) => setLastEvent(`chat-response-end: ${event.detail.reason}`)}
        />
      ) : (
        <div className="chat-placeholder">Loading the chat…</div>
      )}
      <p>
        Last event: <output data-testid="last-event">{lastEvent}</output>
      </p>
    </>
  );
}
