import type { ClientToolCallItem } from '@chat-widget/protocol';
import { html } from 'lit';
import { alertIcon, checkIcon } from '../icons.js';
import { format } from '../internal/strings.js';
import type { ItemContext } from './context.js';

/** A failed call's output carries `error` (what the widget sends when a handler fails). */
export const toolFailed = (item: ClientToolCallItem): boolean =>
  item.status === 'completed' &&
  typeof item.output === 'object' &&
  item.output !== null &&
  'error' in item.output;

/** A compact status row: running, done or failed. */
export const renderClientToolCall = (item: ClientToolCallItem, context: ItemContext) => {
  const s = context.strings;
  const state = item.status === 'pending' ? 'running' : toolFailed(item) ? 'failed' : 'done';
  const text = format(
    state === 'running' ? s.toolRunning : state === 'failed' ? s.toolFailed : s.toolDone,
    { name: item.name },
  );
  return html`<div class="tool-call" part="item tool-call" data-id=${item.id} data-state=${state} role="status">
    ${
      state === 'running'
        ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>`
        : state === 'failed'
          ? alertIcon
          : checkIcon
    }<span>${text}</span>
  </div>`;
};
