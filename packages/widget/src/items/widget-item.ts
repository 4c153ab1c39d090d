/**
 * Widget items (ChatKit widgets: Card, ListView, …). SEAM: the ChatKit widget
 * component renderer (packages/widget/src/widgets/) plugs in here by replacing
 * `renderWidgetItem`'s body; until then a neutral one-line placeholder shows the
 * widget's `copy_text` when the server sent one.
 */
import type { WidgetItem } from '@chat-widget/protocol';
import { html } from 'lit';
import type { ItemContext } from './context.js';

export const renderWidgetItem = (item: WidgetItem, context: ItemContext) =>
  html`<div class="placeholder" part="item widget" data-id=${item.id}>
    ${item.copy_text || context.strings.widgetItem}
  </div>`;
