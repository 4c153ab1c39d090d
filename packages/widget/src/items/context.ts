import type { StructuredInputSubmission, ThreadItem } from '@chat-widget/protocol';
import type { ChatWidgetStrings } from '../internal/strings.js';
import type { WidgetContext } from '../widgets/types.js';
import type { MessageActions } from './message-actions.js';

/** What an item renderer gets besides the item. */
export interface ItemContext {
  strings: ChatWidgetStrings;
  /** The item is streaming now (added, not done). */
  streaming: boolean;
  /** The user stopped the response while this item streamed. */
  stopped: boolean;
  /** A response is running (forms wait for it). */
  busy: boolean;
  /** The message's action row (user and assistant messages); absent: none (streaming). */
  actions?: MessageActions;
  /** The level a reply's `#` headings render at (`heading-level`); default 1. */
  headingLevel?: number;
  /** The avatar shown beside this message (user and assistant messages), if any. */
  avatar?: unknown;
  /** Answers or skips a pending structured input item. */
  submitStructuredInput(itemId: string, input: StructuredInputSubmission): void;
  /** Widget items: actions, their loading state and the thread's image domains. */
  widgets: WidgetHost;
}

/** What widget items need from the element. */
export interface WidgetHost {
  /** The loading scope of the action running in `itemId` (see `WidgetActionState`). */
  busy(itemId: string): string | null;
  /** The thread's `allowed_image_domains`. */
  allowedImageDomains: readonly string[] | null;
  dispatch: (itemId: string, ...args: Parameters<WidgetContext['dispatchAction']>) => Promise<void>;
}

/** Renders one item type; returns a Lit value. */
export type ItemRenderer<T extends ThreadItem = ThreadItem> = (
  item: T,
  context: ItemContext,
) => unknown;
