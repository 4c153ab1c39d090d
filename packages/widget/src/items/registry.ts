/**
 * Chooses the renderer for an item by its type. One entry per type; a type
 * missing here gets the neutral placeholder. `end_of_turn` and hidden context
 * items are never shown.
 */
import type { ThreadItem, ThreadItemType } from '@chat-widget/protocol';
import { nothing } from 'lit';
import { renderAssistantMessage } from './assistant-message.js';
import { renderClientToolCall } from './client-tool-call.js';
import type { ItemContext, ItemRenderer } from './context.js';
import { renderGeneratedImage } from './generated-image.js';
import { renderStructuredInput } from './structured-input.js';
import { renderUnknownItem } from './unknown.js';
import { renderUserMessage } from './user-message.js';
import { renderWidgetItem } from './widget-item.js';
import { renderTaskItem, renderWorkflow } from './workflow.js';

const hidden = () => nothing;

const renderers: {
  [K in ThreadItemType]: ItemRenderer<Extract<ThreadItem, { type: K }>>;
} = {
  user_message: renderUserMessage,
  assistant_message: renderAssistantMessage,
  client_tool_call: renderClientToolCall,
  widget: renderWidgetItem,
  generated_image: renderGeneratedImage,
  structured_input: renderStructuredInput,
  workflow: renderWorkflow,
  task: renderTaskItem,
  end_of_turn: hidden,
  hidden_context_item: hidden,
  sdk_hidden_context: hidden,
};

/** True for item types that never show anything. */
export const isInvisible = (item: ThreadItem): boolean =>
  item.type === 'end_of_turn' ||
  item.type === 'hidden_context_item' ||
  item.type === 'sdk_hidden_context';

export function renderItem(item: ThreadItem, context: ItemContext): unknown {
  const render = Object.hasOwn(renderers, item.type)
    ? (renderers[item.type] as ItemRenderer)
    : renderUnknownItem;
  return render(item, context);
}
