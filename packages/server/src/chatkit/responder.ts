// The pluggable part of the handler: a responder is an async generator that
// yields assistant output; the handler turns it into ChatKit stream events and
// persists the results.
import type {
  Action,
  Annotation,
  ClientToolCallItem,
  GeneratedImage,
  GeneratedImageItem,
  IconName,
  InferenceOptions,
  StructuredInputItem,
  Task,
  TaskItem,
  ThreadItem,
  ThreadMetadata,
  UserMessageItem,
  WidgetRoot,
  WorkflowSummary,
} from '@chat-widget/protocol';
import { ServerError } from '../errors.js';

/** What a responder gets for one run. */
export interface RespondContext {
  /** The verified user id (the JWT `sub`). */
  userId: string;
  /** Claims of the verified token, when the host passed them. */
  claims: Record<string, unknown> | undefined;
  /** The thread (metadata only). */
  thread: ThreadMetadata;
  /** Every item of the thread so far, oldest first, hidden ones included (model context). */
  items: ThreadItem[];
  /** The message to answer; null for tool-output and custom-action runs. */
  userMessage: UserMessageItem | null;
  /**
   * What the user picked in the composer (`inference_options`: `model`, `tool_choice`)
   * for the message answered; for runs without one (client tool output, structured
   * input, widget action) those of the thread's latest user message. `{}` when nothing
   * was picked. The client chose it: check it against what you offer (see {@link pickModel}).
   */
  inference: InferenceOptions;
  /** Why the run happened. */
  trigger: 'message' | 'retry' | 'client_tool_output' | 'custom_action';
  /** The tool call whose output just arrived (`client_tool_output` runs). */
  toolCall?: ClientToolCallItem;
  /** The widget action (`custom_action` runs). */
  action?: Action;
  /** The widget item that fired the action, if any. */
  actionItem?: ThreadItem;
  /** Aborted when the client disconnects or presses stop: stop work and return. */
  signal: AbortSignal;
}

/** One piece of assistant output. A bare string is a text delta. */
export type ResponderOutput =
  | string
  /** Appends text to the current assistant message (opened on demand). */
  | { type: 'text'; delta: string }
  /** Adds a citation to the current assistant message. */
  | { type: 'annotation'; annotation: Annotation }
  /** Closes the current assistant message; the next text opens a new one. */
  | { type: 'message_done' }
  /** A transient status line (never stored). */
  | { type: 'progress'; text: string; icon?: IconName }
  /** A tool the client must run; ends the turn (the client answers with add_client_tool_output). */
  | { type: 'client_tool_call'; name: string; arguments: Record<string, unknown>; call_id?: string }
  /** A widget item. */
  | { type: 'widget'; widget: WidgetRoot; copy_text?: string }
  /**
   * Replaces the tree of a widget item already in the thread (`widget.root.updated`),
   * e.g. the widget whose action is running. Ignored for an id that is not a widget.
   */
  | { type: 'widget_update'; item_id: string; widget: WidgetRoot; copy_text?: string }
  /** Renames the thread (emits thread.updated at the end of the run). */
  | { type: 'title'; title: string }
  /** A user-facing banner (not stored). */
  | { type: 'notice'; level: 'info' | 'warning' | 'danger'; message: string; title?: string }
  /** A fire-and-forget effect for the client. */
  | { type: 'client_effect'; name: string; data?: Record<string, unknown> }
  /**
   * Opens a workflow item (ending any open one). A `reasoning` workflow is shown at once,
   * with no tasks; a `custom` one appears with its first task.
   */
  | { type: 'workflow'; workflow: 'reasoning' | 'custom' }
  /**
   * A workflow task: appended to the open workflow, or opens one (`reasoning` unless
   * `workflow` says `custom`). Text or any other item closes the workflow with its
   * duration; `workflow_done` closes it with a summary of your choosing.
   */
  | { type: 'task'; task: Task; workflow?: 'reasoning' | 'custom' }
  /** Replaces task `index` (default: the last one) of the open workflow; ignored when none is open. */
  | { type: 'task_update'; task: Task; index?: number }
  /** Closes the open workflow (summary: its duration in seconds when omitted; collapsed unless `expanded`). */
  | { type: 'workflow_done'; summary?: WorkflowSummary; expanded?: boolean }
  /** A whole item sent at once: questions, a generated image, a standalone task. */
  | { type: 'item'; item: NewItem }
  /** A partial generated image: opens a generated_image item on demand and updates it. */
  | { type: 'image_progress'; image: GeneratedImage; progress?: number }
  /** The final generated image: completes the open generated_image item (or adds one). */
  | { type: 'image'; image: GeneratedImage }
  /**
   * Takes back everything this run has shown so far (thread.item.removed for each item,
   * deleted from the store), e.g. when a guardrail trips after the answer started.
   */
  | { type: 'discard' };

/** Items a responder may send whole (`id`, `thread_id`, `created_at` are filled in). */
export type NewItem =
  | Omit<StructuredInputItem, 'id' | 'thread_id' | 'created_at'>
  | Omit<GeneratedImageItem, 'id' | 'thread_id' | 'created_at'>
  | Omit<TaskItem, 'id' | 'thread_id' | 'created_at'>;

export type Responder = (context: RespondContext) => AsyncIterable<ResponderOutput>;

/**
 * Throw from a responder to show `message` to the user (`error` event with
 * code "custom"); any other exception becomes `stream.error` with a retry button.
 */
export class ChatKitStreamError extends ServerError {
  override name = 'ChatKitStreamError';
  declare readonly code: 'ERR_STREAM_MESSAGE';
  readonly allowRetry: boolean;
  constructor(message: string, options: { allowRetry?: boolean; cause?: unknown } = {}) {
    super('ERR_STREAM_MESSAGE', message, { cause: options.cause });
    this.allowRetry = options.allowRetry ?? false;
  }
}

/**
 * The model for a run: the user's pick (`inference.model`) when `allowed` lists it,
 * else `fallback`. A pick outside the list, or any pick without a list, is ignored, so a
 * user cannot switch the site to a model it does not offer.
 */
export function pickModel(
  context: Pick<RespondContext, 'inference'>,
  allowed: readonly string[] | undefined,
  fallback: string,
): string {
  const wanted = context.inference.model;
  return wanted && allowed?.includes(wanted) ? wanted : fallback;
}

/** The plain text of a user message (input_text parts, tags by their text). */
export function userText(message: UserMessageItem | null): string {
  if (!message) return '';
  return message.content
    .map((part) => ('text' in part && typeof part.text === 'string' ? part.text : ''))
    .join(' ')
    .trim();
}
