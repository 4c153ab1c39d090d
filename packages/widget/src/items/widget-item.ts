/**
 * Widget items (ChatKit widgets: Card, ListView, Basic) through the widget renderer
 * (../widgets/). While a response runs, the widget's controls wait for it: the
 * server takes one streamed request per thread at a time.
 */
import type { WidgetItem } from '@chat-widget/protocol';
import { html } from 'lit';
import { renderCopyButton } from '../internal/copy-button.js';
import { renderWidget } from '../widgets/render.js';
import type { ItemContext } from './context.js';

export const renderWidgetItem = (item: WidgetItem, context: ItemContext) => {
  const { widgets, strings } = context;
  return html`<div class="widget-item" part="item widget" data-id=${item.id}>
    ${renderWidget(item.widget, {
      itemId: item.id,
      busy: widgets.busy(item.id) ?? (context.busy ? '*' : null),
      allowedImageDomains: widgets.allowedImageDomains,
      codeBlockButton: renderCopyButton(strings),
      strings: { showMore: strings.widgetShowMore, unsupported: strings.widgetUnsupported },
      dispatchAction: (action, values, source) => widgets.dispatch(item.id, action, values, source),
    })}
  </div>`;
};
