// The host's token source, passed to <chat-widget> as the `getToken`
// PROPERTY (a function cannot be an attribute). Better Auth's jwt plugin hands
// out a short-lived JWT for the session cookie; `null` means signed out.
// `calls` lets the page show that the widget really used this function.
export const tokenCalls = { count: 0 };

export async function getToken(): Promise<string | null> {
  tokenCalls.count++;
  const response = await fetch('/api/auth/token', { credentials: 'include' });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/auth/token answered ${response.status}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string')
    throw new Error('GET /api/auth/token: no token in the answer');
  return body.token;
}
