// What happens when a widget control fires an action: the host page hears about it
// first (a cancelable `chat-widget-action` event), then server actions go out as
// `threads.custom_action` (streamed) or `threads.sync_custom_action` (streaming: false).
import { fire } from '../events.js';
import { wireAction } from './actions.js';
import type { WidgetAction } from './types.js';

export interface WidgetActionTransport {
  /** Sends `threads.custom_action` and applies its streamed reply; settles when the stream ends. */
  stream(action: ReturnType<typeof wireAction>, itemId: string): Promise<unknown>;
  /** Sends `threads.sync_custom_action` and applies its `updated_item`. */
  sync(action: ReturnType<typeof wireAction>, itemId: string): Promise<unknown>;
}

/**
 * Fires `chat-widget-action` on `target` (bubbles, composed, cancelable). Client actions
 * stop there: the host handles them. Server actions are sent unless a listener called
 * `preventDefault()`. The returned promise settles when the action is done, so the
 * loading state lasts as long as the request.
 */
export async function runWidgetAction(
  target: EventTarget,
  itemId: string,
  action: WidgetAction,
  values: Record<string, unknown> | null,
  transport: WidgetActionTransport,
): Promise<void> {
  const proceed = fire(target, 'chat-widget-action', { action, itemId, values }, true);
  if (!proceed || action.handler === 'client') return;
  const wire = wireAction(action, values);
  await (action.streaming ? transport.stream(wire, itemId) : transport.sync(wire, itemId));
}
