/**
 * Registers `<chat-widget>`. Safe to load twice (two bundles, a script tag plus
 * an npm import): the second registration warns instead of throwing, and
 * nothing happens where there is no `customElements` (SSR, workers).
 */
import { ChatWidget } from './chat-widget.js';

export const TAG_NAME = 'chat-widget';

export function defineChatWidget(tagName: string = TAG_NAME): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== ChatWidget) {
      const other = (existing as { version?: string }).version ?? 'unknown';
      console.warn(
        `<${tagName}> is already defined (version ${other}); this copy (${ChatWidget.version}) is not registered.`,
      );
    }
    return;
  }
  customElements.define(tagName, ChatWidget);
}

defineChatWidget();

export { ChatWidget };
