// Thread, item and content shapes of the ChatKit wire format (JSON, snake_case).
// User message content, attachments, icons and widgets reuse the published
// `@openai/chatkit` declarations so a value typed for ChatKit fits here unchanged.

import type {
  Attachment as ChatKitAttachment,
  ChatKitIcon,
  ToolChoice as ChatKitToolChoice,
  UserMessageContent as ChatKitUserMessageContent,
  Widgets,
} from '@openai/chatkit';
import type { ActiveTurn } from './resume.js';

/** ISO-8601 timestamp. The Python SDK emits naive local times without an offset; accept both. */
export type Timestamp = string;

/** A built-in ChatKit icon name, or any `lucide:`/`vendor:` prefixed name. */
export type IconName = ChatKitIcon | `vendor:${string}`;

/** One page of a list. `after` is the opaque cursor for the next page, present only when `has_more`. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string;
}

// ---------------------------------------------------------------- threads

export interface ActiveStatus {
  type: 'active';
}
/** Composer disabled; `reason` is shown as its placeholder. */
export interface LockedStatus {
  type: 'locked';
  reason?: string;
}
/** Composer replaced by a banner showing `reason`. */
export interface ClosedStatus {
  type: 'closed';
  reason?: string;
}
export type ThreadStatus = ActiveStatus | LockedStatus | ClosedStatus;

export interface ThreadMetadata {
  id: string;
  /** Omitted until the server names the thread. */
  title?: string;
  created_at: Timestamp;
  status: ThreadStatus;
  /** Image hosts the client may load from (SDK 1.6.3+). */
  allowed_image_domains?: string[];
  /** Server-private; ChatKit servers always send `{}`. */
  metadata: Record<string, unknown>;
  /** The turn running now, on servers that resume replies (absent otherwise); see `threads.resume`. */
  active_turn?: ActiveTurn;
}

/** A thread as sent to clients: always carries a page of items (empty in lists and `thread.updated`). */
export interface Thread extends ThreadMetadata {
  items: Page<ThreadItem>;
}

// ---------------------------------------------------------------- content

/** `input_text` or `input_tag` segments of a user message (same as `@openai/chatkit`). */
export type UserMessageContent = ChatKitUserMessageContent;
export type UserMessageTextContent = Extract<UserMessageContent, { type: 'input_text' }>;
export type UserMessageTagContent = Extract<UserMessageContent, { type: 'input_tag' }>;

export type ToolChoice = ChatKitToolChoice;
export interface InferenceOptions {
  tool_choice?: ToolChoice | null;
  model?: string | null;
}

/** What the client sends as a new user message. `attachments` are attachment ids. */
export interface UserMessageInput {
  content: UserMessageContent[];
  /** Required by the Python SDK, `[]` when none. */
  attachments: string[];
  /** The "reply to" quote; ChatKit's client sends `""` when none. */
  quoted_text?: string | null;
  /** Required by the Python SDK, `{}` is fine. */
  inference_options: InferenceOptions;
}

export interface SourceBase {
  title: string;
  description?: string;
  timestamp?: string;
  group?: string;
}
export interface UrlSource extends SourceBase {
  type: 'url';
  url: string;
  attribution?: string;
}
export interface FileSource extends SourceBase {
  type: 'file';
  filename: string;
}
export interface EntitySource extends SourceBase {
  type: 'entity';
  id: string;
  icon?: IconName;
  label?: string;
  inline_label?: string;
  interactive?: boolean;
  data?: Record<string, unknown>;
}
export type Source = UrlSource | FileSource | EntitySource;

/** A citation. `index` is the character offset of its marker in the part's text. */
export interface Annotation {
  type: 'annotation';
  source: Source;
  index?: number;
}

export interface AssistantMessageContent {
  type: 'output_text';
  text: string;
  annotations: Annotation[];
}

// ---------------------------------------------------------------- attachments

export interface UploadDescriptor {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
}

/**
 * A file or image attachment (`@openai/chatkit`'s shape plus the server fields):
 * `upload_descriptor` is present after `attachments.create` in two-phase uploads,
 * `thread_id` once the message using it is saved.
 */
export type Attachment = ChatKitAttachment & {
  upload_descriptor?: UploadDescriptor;
  thread_id?: string;
};
export type FileAttachment = Extract<Attachment, { type: 'file' }>;
export type ImageAttachment = Extract<Attachment, { type: 'image' }>;

// ---------------------------------------------------------------- widgets, workflows, tasks

export type WidgetRoot = Widgets.WidgetRoot;
export type WidgetComponent = Widgets.WidgetComponent;

export type TaskStatusIndicator = 'none' | 'loading' | 'complete';
interface TaskBase {
  status_indicator?: TaskStatusIndicator;
}
export interface CustomTask extends TaskBase {
  type: 'custom';
  title?: string;
  icon?: IconName;
  content?: string;
}
export interface WebSearchTask extends TaskBase {
  type: 'web_search';
  title?: string;
  title_query?: string;
  queries: string[];
  sources: UrlSource[];
}
export interface ThoughtTask extends TaskBase {
  type: 'thought';
  title?: string;
  content: string;
}
export interface FileTask extends TaskBase {
  type: 'file';
  title?: string;
  sources: FileSource[];
}
export interface ImageTask extends TaskBase {
  type: 'image';
  title?: string;
}
export type Task = CustomTask | WebSearchTask | ThoughtTask | FileTask | ImageTask;

export interface CustomSummary {
  title: string;
  icon?: IconName;
}
export interface DurationSummary {
  /** Seconds. */
  duration: number;
}
/** No discriminator on the wire: tell the two apart by key (`'duration' in summary`). */
export type WorkflowSummary = CustomSummary | DurationSummary;

export interface Workflow {
  type: 'custom' | 'reasoning';
  tasks: Task[];
  expanded?: boolean;
  summary?: WorkflowSummary;
}

// ---------------------------------------------------------------- structured input

export interface StructuredInputAnswer {
  values: string[];
  skipped: boolean;
}
export interface MultipleChoiceInput {
  type: 'multiple_choice';
  id: string;
  question: string;
  answer?: StructuredInputAnswer;
  options: { value: string }[];
  multiple?: boolean;
}
export interface FreeformInput {
  type: 'freeform';
  id: string;
  question: string;
  answer?: StructuredInputAnswer;
  description?: string;
}
export type StructuredInput = MultipleChoiceInput | FreeformInput;

/** Answer to a pending `structured_input` item (`threads.add_structured_input`). */
export interface StructuredInputSubmission {
  status?: 'answered' | 'skipped';
  answers?: Record<string, { values?: string[]; skipped?: boolean }>;
}

// ---------------------------------------------------------------- thread items

export interface ThreadItemBase {
  id: string;
  thread_id: string;
  created_at: Timestamp;
}

export interface UserMessageItem extends ThreadItemBase {
  type: 'user_message';
  content: UserMessageContent[];
  /** Full attachment objects (the input carried ids). */
  attachments: Attachment[];
  quoted_text?: string;
  inference_options: InferenceOptions;
}
export interface AssistantMessageItem extends ThreadItemBase {
  type: 'assistant_message';
  content: AssistantMessageContent[];
}
export interface ClientToolCallItem extends ThreadItemBase {
  type: 'client_tool_call';
  status: 'pending' | 'completed';
  call_id: string;
  name: string;
  arguments: Record<string, unknown>;
  output?: unknown;
}
export interface WidgetItem extends ThreadItemBase {
  type: 'widget';
  widget: WidgetRoot;
  /** Text used by the "copy" action. */
  copy_text?: string;
}
export interface GeneratedImage {
  id: string;
  url: string;
}
export interface GeneratedImageItem extends ThreadItemBase {
  type: 'generated_image';
  image?: GeneratedImage;
}
export interface StructuredInputItem extends ThreadItemBase {
  type: 'structured_input';
  status: 'pending' | 'answered' | 'skipped';
  inputs: StructuredInput[];
}
export interface WorkflowItem extends ThreadItemBase {
  type: 'workflow';
  workflow: Workflow;
}
export interface TaskItem extends ThreadItemBase {
  type: 'task';
  task: Task;
}
/** Turn marker; the Python SDK never emits it by itself. */
export interface EndOfTurnItem extends ThreadItemBase {
  type: 'end_of_turn';
}
/** Model-only context. Stored by servers, never sent to clients. */
export interface HiddenContextItem extends ThreadItemBase {
  type: 'hidden_context_item';
  content: unknown;
}
/** SDK-written model context (e.g. "the user stopped the answer"). Never sent to clients. */
export interface SdkHiddenContextItem extends ThreadItemBase {
  type: 'sdk_hidden_context';
  content: string;
}

export type ThreadItem =
  | UserMessageItem
  | AssistantMessageItem
  | ClientToolCallItem
  | WidgetItem
  | GeneratedImageItem
  | StructuredInputItem
  | WorkflowItem
  | TaskItem
  | EndOfTurnItem
  | HiddenContextItem
  | SdkHiddenContextItem;
export type ThreadItemType = ThreadItem['type'];

/** Item types a server stores but never sends. */
export const HIDDEN_ITEM_TYPES = ['hidden_context_item', 'sdk_hidden_context'] as const;
