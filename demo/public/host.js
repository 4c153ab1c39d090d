// Host page logic: Better Auth over plain fetch (cookie session, same origin),
// one token manager shared by both widgets, and a live view of its state.
// Untrusted strings only ever go through textContent.
import { createTokenManager } from '/assets/token-manager.js';
import { $, api, formatDuration, logEvent, renderSnippet, showMessage } from '/common.js';

const authUrl = `${location.origin}/api/auth`;
const widgets = [...document.querySelectorAll('chat-widget')];

// ---- token manager -------------------------------------------------------
// This module runs before the deferred widget script (document order), so the
// widgets get this manager before they upgrade and never start one of their own.
const tokenManager = createTokenManager({ authUrl });
for (const widget of widgets) widget.tokenManager = tokenManager;
// Client tools run in the browser: the server asks, the page answers, the reply continues
// (the demo responder's get_device_time, the agents responder's get_page_info).
for (const widget of widgets) {
  widget.onClientTool = ({ name }) => {
    if (name === 'get_device_time') {
      const now = new Date();
      return {
        time: now.toLocaleTimeString(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
    }
    if (name === 'get_page_info') return { title: document.title, url: location.href };
    throw new Error(`Unknown tool ${name}`);
  };
}
// Attachments: what the demo server takes (images and PDF, 10 MiB), checked here first.
for (const widget of widgets) {
  widget.attachments = {
    accept: {
      'image/png': ['.png'],
      'image/jpeg': ['.jpg', '.jpeg'],
      'image/gif': ['.gif'],
      'image/webp': ['.webp'],
      'application/pdf': ['.pdf'],
    },
    maxSize: 10 * 1024 * 1024,
    maxCount: 4,
  };
}
// Two chats on one page: give the inline one distinct accessible names.
$('#inline-chat').strings = { heading: 'Inline chat', messages: 'Inline conversation' };

const view = {
  status: $('#tm-status'),
  kid: $('#tm-kid'),
  expires: $('#tm-expires'),
  lifetime: $('#tm-lifetime'),
  refreshes: $('#tm-refreshes'),
  last: $('#tm-last'),
  meter: $('#tm-meter'),
  error: $('#tm-error'),
};
let tokenState = null;

function renderTokenState() {
  const s = tokenState;
  if (!s) return;
  view.status.textContent = s.status;
  view.status.dataset.status = s.status;
  view.kid.textContent = s.kid ?? '–';
  view.refreshes.textContent = String(s.refreshCount ?? 0);
  view.last.textContent = s.lastRefreshAt ? new Date(s.lastRefreshAt).toLocaleTimeString() : '–';
  if (s.expiresAt && s.status !== 'signed-out') {
    const left = s.expiresAt - Date.now();
    view.expires.textContent = left > 0 ? formatDuration(left) : 'expired';
    const total = s.issuedAt ? s.expiresAt - s.issuedAt : 0;
    view.lifetime.textContent = total > 0 ? formatDuration(total) : '–';
    const ratio = total > 0 ? Math.max(0, Math.min(1, left / total)) : 0;
    view.meter.style.transform = `scaleX(${ratio})`;
    view.meter.dataset.low = ratio < 0.2 ? 'true' : 'false';
  } else {
    view.expires.textContent = '–';
    view.lifetime.textContent = '–';
    view.meter.style.transform = 'scaleX(0)';
  }
  const err = s.error;
  if (err && s.status === 'error') showMessage(view.error, `${err.code}: ${err.message}`, 'error');
  else showMessage(view.error, '');
}

{
  let previousStatus = null;
  tokenManager.subscribe((state) => {
    tokenState = state;
    renderTokenState();
    // Another tab signed in or out: update the account card too.
    const becameSignedIn = state.status === 'signed-in' && previousStatus === 'signed-out';
    const becameSignedOut =
      state.status === 'signed-out' && previousStatus && previousStatus !== 'signed-out';
    if (becameSignedIn || becameSignedOut) void loadSession();
    previousStatus = state.status;
  });
  setInterval(renderTokenState, 250);
  // Show what the chat backend will see: the payload of the manager's current JWT.
  let shownFor = '';
  tokenManager.subscribe((state) => {
    const key = `${state.status}:${state.refreshCount}:${state.kid ?? ''}`;
    if (key === shownFor) return;
    shownFor = key;
    if (state.status !== 'signed-in') {
      $('#claims').textContent = '–';
      return;
    }
    tokenManager
      .getToken()
      .then((jwt) => {
        $('#claims').textContent = JSON.stringify(decodePayload(jwt), null, 2);
      })
      .catch(() => {});
  });
}
$('#tm-refresh').addEventListener('click', () => tokenManager.refresh());

/** The JSON payload of a compact JWT (display only: the server verifies it). */
function decodePayload(jwt) {
  const part = jwt.split('.')[1] ?? '';
  const base64 = part.replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes));
  for (const key of ['iat', 'exp']) {
    if (typeof claims[key] === 'number')
      claims[key] = `${claims[key]} (${new Date(claims[key] * 1000).toLocaleTimeString()})`;
  }
  return claims;
}

// ---- widget events -------------------------------------------------------
const log = $('#event-log');
for (const name of [
  'chat-ready',
  'chat-auth-change',
  'chat-thread-change',
  'chat-response-end',
  'chat-error',
  'chat-effect',
]) {
  for (const widget of widgets) {
    widget.addEventListener(name, (event) => {
      const d = event.detail ?? {};
      const where = widget.id === 'inline-chat' ? 'inline' : 'launcher';
      const summary =
        name === 'chat-auth-change'
          ? `${d.previous ?? '∅'} → ${d.status}`
          : name === 'chat-ready'
            ? d.status
            : name === 'chat-thread-change'
              ? (d.threadId ?? 'new thread')
              : name === 'chat-response-end'
                ? `${d.reason}, ${String(d.text ?? '').length} chars`
                : name === 'chat-effect'
                  ? `${d.name} ${JSON.stringify(d.data)}`
                  : `${d.code}: ${d.message}`;
      logEvent(log, `${where} · ${name}`, summary, name === 'chat-error');
    });
  }
}

// ---- account -------------------------------------------------------------
/**
 * Tells other tabs the session changed, the way Better Auth's own client does
 * (a `storage` event on this key); their token managers re-check at once.
 */
function announceSessionChange(trigger) {
  try {
    localStorage.setItem(
      'better-auth.message',
      JSON.stringify({
        event: 'session',
        data: { trigger },
        timestamp: Math.floor(Date.now() / 1000),
      }),
    );
  } catch {
    // Storage may be disabled; other tabs then notice on their next refresh.
  }
}

const signedOut = $('#signed-out');
const signedIn = $('#signed-in');
const message = $('#account-message');
const pill = $('#session-pill');
const pillText = $('#session-pill-text');

function renderSession(session) {
  const user = session?.user;
  signedIn.hidden = !user;
  signedOut.hidden = Boolean(user);
  pill.dataset.state = user ? 'in' : 'out';
  pillText.textContent = user ? `Signed in · ${user.email}` : 'Signed out';
  if (user) {
    $('#user-name').textContent = user.name || user.email;
    $('#user-email').textContent = user.name ? `(${user.email})` : '';
  }
}

async function loadSession() {
  try {
    const { body } = await api(`${authUrl}/get-session`, { method: 'GET' });
    renderSession(body);
  } catch (error) {
    renderSession(null);
    showMessage(message, `Could not reach the auth server: ${error.message}`, 'error');
  }
}

async function submitAuth(form, path, fields) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  showMessage(message, '');
  try {
    const data = Object.fromEntries(new FormData(form));
    const payload = Object.fromEntries(fields.map((f) => [f, String(data[f] ?? '')]));
    const { ok, body } = await api(`${authUrl}${path}`, { method: 'POST', body: payload });
    if (!ok) {
      showMessage(message, body?.message ?? 'That did not work; try again.', 'error');
      return;
    }
    form.reset();
    await loadSession();
    await tokenManager.refresh();
    announceSessionChange('signin');
    showMessage(message, 'Signed in. The widget picked up your session.', 'ok');
  } catch (error) {
    showMessage(message, `Network error: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

$('#sign-up-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void submitAuth(event.currentTarget, '/sign-up/email', ['name', 'email', 'password']);
});
$('#sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void submitAuth(event.currentTarget, '/sign-in/email', ['email', 'password']);
});
$('#sign-out').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    await api(`${authUrl}/sign-out`, { method: 'POST', body: {} });
  } catch (error) {
    showMessage(
      message,
      `Sign-out request failed (${error.message}); signed out locally.`,
      'error',
    );
  } finally {
    // Drops the JWT here and in every other tab, whatever the server said.
    await tokenManager.signOut();
    announceSessionChange('signout');
    button.disabled = false;
    await loadSession();
  }
});

renderSnippet($('#snippet'), location.origin);
$('#copy-snippet').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('#snippet').textContent);
    showMessage($('#copy-message'), 'Copied to the clipboard.', 'ok');
  } catch {
    showMessage(
      $('#copy-message'),
      'Copy failed: select the snippet and copy it by hand.',
      'error',
    );
  }
});

await loadSession();
