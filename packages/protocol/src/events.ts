// Server-sent events of streaming operations: each SSE `data:` line is one ThreadStreamEvent.
import type {
  Annotation,
  AssistantMessageContent,
  GeneratedImage,
  IconName,
  Task,
  Thread,
  ThreadItem,
  WidgetComponent,
  WidgetRoot,
} from './items.js';

// ---------------------------------------------------------------- item updates

/** A new (possibly empty) part at `content_index`; pad with empty `output_text` parts up to it. */
export interface AssistantMessageContentPartAdded {
  type: 'assistant_message.content_part.added';
  content_index: number;
  content: AssistantMessageContent;
}
/** Append `delta` to the text of the part at `content_index`. */
export interface AssistantMessageContentPartTextDelta {
  type: 'assistant_message.content_part.text_delta';
  content_index: number;
  delta: string;
}
/** Insert `annotation` at `annotation_index` in the part's annotations. */
export interface AssistantMessageContentPartAnnotationAdded {
  type: 'assistant_message.content_part.annotation_added';
  content_index: number;
  annotation_index: number;
  annotation: Annotation;
}
/** Replace the part at `content_index` with its final value. */
export interface AssistantMessageContentPartDone {
  type: 'assistant_message.content_part.done';
  content_index: number;
  content: AssistantMessageContent;
}
/** Append `delta` to `value` of the Text/Markdown node with id `component_id`. */
export interface WidgetStreamingTextValueDelta {
  type: 'widget.streaming_text.value_delta';
  component_id: string;
  delta: string;
  /** The node is no longer streaming. */
  done: boolean;
}
export interface WidgetRootUpdated {
  type: 'widget.root.updated';
  widget: WidgetRoot;
}
export interface WidgetComponentUpdated {
  type: 'widget.component.updated';
  component_id: string;
  component: WidgetComponent;
}
export interface WorkflowTaskAdded {
  type: 'workflow.task.added';
  task_index: number;
  task: Task;
}
export interface WorkflowTaskUpdated {
  type: 'workflow.task.updated';
  task_index: number;
  task: Task;
}
export interface GeneratedImageUpdated {
  type: 'generated_image.updated';
  image: GeneratedImage;
  /** 0..1 */
  progress?: number;
}

export type ThreadItemUpdate =
  | AssistantMessageContentPartAdded
  | AssistantMessageContentPartTextDelta
  | AssistantMessageContentPartAnnotationAdded
  | AssistantMessageContentPartDone
  | WidgetStreamingTextValueDelta
  | WidgetRootUpdated
  | WidgetComponentUpdated
  | WorkflowTaskAdded
  | WorkflowTaskUpdated
  | GeneratedImageUpdated;
export type ThreadItemUpdateType = ThreadItemUpdate['type'];

// ---------------------------------------------------------------- stream events

/** First event of `threads.create`; the thread has an empty item page. */
export interface ThreadCreatedEvent {
  type: 'thread.created';
  thread: Thread;
}
/** Title/status/allowed_image_domains changed; `items` is always an empty page. */
export interface ThreadUpdatedEvent {
  type: 'thread.updated';
  thread: Thread;
}
/** An item starts streaming (not persisted yet). */
export interface ThreadItemAddedEvent {
  type: 'thread.item.added';
  item: ThreadItem;
}
export interface ThreadItemUpdatedEvent {
  type: 'thread.item.updated';
  item_id: string;
  update: ThreadItemUpdate;
}
/** Final full item, persisted; may arrive without a prior `thread.item.added`. */
export interface ThreadItemDoneEvent {
  type: 'thread.item.done';
  item: ThreadItem;
}
export interface ThreadItemRemovedEvent {
  type: 'thread.item.removed';
  item_id: string;
}
/** Replace an existing item in place (persisted). */
export interface ThreadItemReplacedEvent {
  type: 'thread.item.replaced';
  item: ThreadItem;
}
export interface StreamOptions {
  /** Show a stop button; stopping = aborting the HTTP request. */
  allow_cancel: boolean;
}
/** First event of every responder run. */
export interface StreamOptionsEvent {
  type: 'stream_options';
  stream_options: StreamOptions;
}
/** Transient status line; never stored. */
export interface ProgressUpdateEvent {
  type: 'progress_update';
  icon?: IconName;
  text: string;
}
/** Fire-and-forget effect for the client. */
export interface ClientEffectEvent {
  type: 'client_effect';
  name: string;
  data: Record<string, unknown>;
}
/** Known error codes; the set is open (`string`). */
export type StreamErrorCode = 'stream.error' | 'custom' | (string & {});
/** In-stream failure; the server ends the stream after it (a `thread.updated` may trail). */
export interface ErrorEvent {
  type: 'error';
  code: StreamErrorCode;
  /** Only for `custom`; otherwise show a localized text for `code`. */
  message?: string;
  /** Offer a retry (`threads.retry_after_item`). */
  allow_retry: boolean;
}
/** User-facing banner, not stored. `message` is markdown. */
export interface NoticeEvent {
  type: 'notice';
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string;
}

export type ThreadStreamEvent =
  | ThreadCreatedEvent
  | ThreadUpdatedEvent
  | ThreadItemAddedEvent
  | ThreadItemUpdatedEvent
  | ThreadItemDoneEvent
  | ThreadItemRemovedEvent
  | ThreadItemReplacedEvent
  | StreamOptionsEvent
  | ProgressUpdateEvent
  | ClientEffectEvent
  | ErrorEvent
  | NoticeEvent;
export type ThreadStreamEventType = ThreadStreamEvent['type'];
