// No framework: import the element, create it, set properties, listen.
// `document.createElement('chat-widget')` is typed as ChatWidget and
// 'chat-response-end' as CustomEvent<ChatResponseEndDetail> by the package's
// HTMLElementTagNameMap / GlobalEventHandlersEventMap augmentations.
import '@chat-widget/element';
import '../../shared/app.css';
import { getToken, tokenCalls } from '../../shared/get-token.js';

// Built with DOM calls, not an HTML string: the pattern to copy when text may be untrusted.
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const output = (testId: string, text = '') => {
  const node = el('output', {}, text);
  node.dataset.testid = testId;
  return node;
};
const list = el('ol');
list.dataset.testid = 'events';
const lastReply = output('last-reply');
const calls = output('token-calls', '0');
const main = el(
  'main',
  {},
  el('h1', {}, 'chat-widget in plain TypeScript'),
  el(
    'aside',
    {},
    el('h2', {}, 'Events the app received'),
    list,
    el('p', {}, 'Last reply: ', lastReply),
    el('p', {}, 'getToken calls: ', calls),
  ),
);

const widget = document.createElement('chat-widget');
widget.mode = 'inline';
widget.apiUrl = '/api/chatkit';
widget.greeting = 'Hello from plain TypeScript';
widget.getToken = getToken;

function log(line: string) {
  const item = document.createElement('li');
  item.textContent = line;
  list.append(item);
  calls.textContent = String(tokenCalls.count);
}
widget.addEventListener('chat-ready', (event) => log(`chat-ready: ${event.detail.status}`));
widget.addEventListener('chat-response-start', () => log('chat-response-start'));
widget.addEventListener('chat-response-end', (event) => {
  log(`chat-response-end: ${event.detail.reason}`);
  lastReply.textContent = event.detail.text;
});

main.querySelector('h1')!.after(widget);
document.getElementById('app')!.append(main);
