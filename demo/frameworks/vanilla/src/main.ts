// No framework: import the element, create it, set properties, listen.
// `document.createElement('chat-widget')` is typed as ChatWidget and
// 'chat-response-end' as CustomEvent<ChatResponseEndDetail> by the package's
// HTMLElementTagNameMap / GlobalEventHandlersEventMap augmentations.
import '@chat-widget/element';
import '../../shared/app.css';
import { getToken, tokenCalls } from '../../shared/get-token.js';

const main = document.createElement('main');
main.innerHTML = `
  <h1>chat-widget in plain TypeScript</h1>
  <aside>
    <h2>Events the app received</h2>
    <ol data-testid="events"></ol>
    <p>Last reply: <output data-testid="last-reply"></output></p>
    <p>getToken calls: <output data-testid="token-calls">0</output></p>
  </aside>`;
const list = main.querySelector('[data-testid="events"]')!;
const lastReply = main.querySelector('[data-testid="last-reply"]')!;
const calls = main.querySelector('[data-testid="token-calls"]')!;

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
