// Third-party page logic: a guest session in bearer mode, kept in
// sessionStorage (documented trade-off: page scripts can read it, so this page
// runs under a strict CSP; it disappears when the tab closes).
import { $, api, showMessage } from '/common.js';

const server = document.querySelector('meta[name="chat-server"]').content;
const authUrl = `${server}/api/auth`;
const STORAGE_KEY = 'chat-widget-demo.session-token';
const widget = $('#embed-chat');
const message = $('#guest-message');
const pill = $('#session-pill');
const pillText = $('#session-pill-text');
$('#embed-origin').textContent = location.origin;

// Cross-site: never send cookies; the session token travels in Authorization.
const bearer = (token) => ({ credentials: 'omit', headers: { Authorization: `Bearer ${token}` } });

async function currentSession(token) {
  const { ok, body } = await api(`${authUrl}/get-session`, bearer(token));
  return ok ? body : null;
}

async function startGuest() {
  const res = await api(`${authUrl}/sign-in/anonymous`, {
    method: 'POST',
    body: {},
    credentials: 'omit',
  });
  const token = res.headers.get('set-auth-token');
  if (!res.ok || !token)
    throw new Error(res.body?.message ?? `guest sign-in failed (${res.status})`);
  sessionStorage.setItem(STORAGE_KEY, token);
  return token;
}

function render(session) {
  const user = session?.user;
  const guest = Boolean(user?.isAnonymous);
  $('#link-form').hidden = !guest;
  pill.dataset.state = user ? (guest ? 'guest' : 'in') : 'out';
  pillText.textContent = !user
    ? 'No session'
    : guest
      ? 'Chatting as a guest'
      : `Signed in · ${user.email}`;
  $('#guest-state').textContent = !user
    ? 'No chat session.'
    : guest
      ? 'You are chatting as a guest. Create an account to keep your conversations for later.'
      : `Signed in as ${user.name || user.email}. Your guest conversations are in your history.`;
}

/** The stored session token if it still works, else a new guest session's token; null on failure. */
async function connect() {
  try {
    let token = sessionStorage.getItem(STORAGE_KEY);
    let session = token ? await currentSession(token) : null;
    if (!session) {
      token = await startGuest();
      session = await currentSession(token);
    }
    render(session);
    return token;
  } catch (error) {
    render(null);
    showMessage(message, `Could not start a chat session: ${error.message}`, 'error');
    return null;
  }
}

// This module runs before the deferred widget script (document order): the
// widget's first token request waits for the guest session instead of failing.
let session = connect();
widget.sessionToken = () => session;

$('#link-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('button[type="submit"]');
  const guestToken = sessionStorage.getItem(STORAGE_KEY);
  const data = Object.fromEntries(new FormData(form));
  button.disabled = true;
  showMessage(message, '');
  try {
    const res = await api(`${authUrl}/sign-up/email`, {
      method: 'POST',
      body: { name: String(data.name), email: String(data.email), password: String(data.password) },
      ...(guestToken ? bearer(guestToken) : { credentials: 'omit' }),
    });
    const token = res.headers.get('set-auth-token');
    if (!res.ok || !token) {
      showMessage(message, res.body?.message ?? `Sign-up failed (${res.status}).`, 'error');
      return;
    }
    sessionStorage.setItem(STORAGE_KEY, token);
    session = Promise.resolve(token);
    widget.sessionToken = token;
    form.reset();
    render(await currentSession(token));
    showMessage(message, 'Account created. Your conversations came with you.', 'ok');
  } catch (error) {
    showMessage(message, `Network error: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
});

$('#forget').addEventListener('click', async () => {
  const token = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  if (token)
    await api(`${authUrl}/sign-out`, { method: 'POST', body: {}, ...bearer(token) }).catch(
      () => {},
    );
  showMessage(message, 'Session forgotten. A new guest session starts now.', 'ok');
  session = connect();
  widget.sessionToken = () => session;
});
