// Small helpers shared by the host page and the third-party page.

/** The one element matching `selector`; throws when the page lacks it. */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing element ${selector}`);
  return el;
}

/** JSON over fetch. Resolves { ok, status, body, headers }; rejects only on network errors. */
export async function api(
  url,
  { method = 'GET', body, headers = {}, credentials = 'same-origin' } = {},
) {
  const res = await fetch(url, {
    method,
    credentials,
    cache: 'no-store',
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { message: text };
  }
  return { ok: res.ok, status: res.status, body: parsed, headers: res.headers };
}

export function showMessage(el, text, kind = 'info') {
  el.textContent = text;
  el.dataset.kind = kind;
}

export function formatDuration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** Prepends one line to an event log list, keeping the last 6. */
export function logEvent(list, name, detail, isError = false) {
  const li = document.createElement('li');
  if (isError) li.className = 'log__error';
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const what = document.createElement('strong');
  what.textContent = name;
  const text = document.createElement('span');
  text.textContent = detail;
  li.append(time, what, text);
  list.prepend(li);
  while (list.children.length > 6) list.lastElementChild.remove();
}

/** Fills a <code> element with the copy-paste embed snippet for `origin`. */
export function renderSnippet(code, origin) {
  code.textContent = [
    `<script src="${origin}/chat-widget.js" defer></script>`,
    '',
    '<chat-widget',
    `  auth-url="${origin}/api/auth"`,
    `  api-url="${origin}/api/chatkit"`,
    '  mode="launcher"',
    '  greeting="Hi! How can I help?"',
    '></chat-widget>',
  ].join('\n');
}
