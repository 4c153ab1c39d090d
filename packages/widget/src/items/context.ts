import type { StructuredInputSubmission, ThreadItem } from '@chat-widget/protocol';
import type { ChatWidgetStrings } from '../internal/strings.js';

/** What an item renderer gets besides the item. */
export interface ItemContext {
  strings: ChatWidgetStrings;
  /** The item is streaming now (added, not done). */
  streaming: boolean;
  /** The user stopped the response while this item streamed. */
  stopped: boolean;
  /** A response is running (forms wait for it). */
  busy: boolean;
  /** Answers or skips a pending structured input item. */
  submitStructuredInput(itemId: string, input: StructuredInputSubmission): void;
}

/** Renders one item type; returns a Lit value. */
export type ItemRenderer<T extends ThreadItem = ThreadItem> = (
  item: T,
  context: ItemContext,
) => unknown;
