import type { ThreadItem } from '@chat-widget/protocol';
import { html } from 'lit';
import type { ItemContext } from './context.js';

/** An item type this version does not know: a neutral line, never a crash. */
export const renderUnknownItem = (item: ThreadItem, context: ItemContext) =>
  html`<div class="placeholder" part="item unknown-item" data-id=${item.id}>
    ${context.strings.unsupportedItem}
  </div>`;
