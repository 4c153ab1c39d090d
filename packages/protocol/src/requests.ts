// Requests: every operation is `POST <url>` with `{ type, params, metadata? }`.
// Streaming ones answer `text/event-stream`, the rest a JSON body (`ResponseFor`).
import type {
  Attachment,
  Page,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  UserMessageInput,
} from './items.js';

/** Free-form envelope metadata; the Python server parses and ignores it. */
export type RequestMetadata = Record<string, unknown>;

interface RequestEnvelope<T extends string, P> {
  type: T;
  params: P;
  metadata?: RequestMetadata;
}

export type SortOrder = 'asc' | 'desc';

/** A widget action (`{type, payload}`) sent to the server. */
export interface Action {
  type: string;
  payload?: unknown;
}

// ---------------------------------------------------------------- params

export interface CreateThreadParams {
  input: UserMessageInput;
}
export interface AddUserMessageParams {
  thread_id: string;
  input: UserMessageInput;
}
export interface AddClientToolOutputParams {
  thread_id: string;
  /** Whatever the client tool handler returned. */
  result: unknown;
}
export interface AddStructuredInputParams {
  thread_id: string;
  item_id: string;
  input: StructuredInputSubmission;
}
export interface RetryAfterItemParams {
  thread_id: string;
  /** The user message to answer again; newer items are deleted silently. */
  item_id: string;
}
export interface CustomActionParams {
  thread_id: string;
  /** The widget item that fired the action. */
  item_id?: string | null;
  action: Action;
}
export interface GetThreadByIdParams {
  thread_id: string;
}
export interface ListThreadsParams {
  /** null/0 → 20. */
  limit?: number | null;
  /** Default `desc`. */
  order?: SortOrder;
  after?: string | null;
}
export interface UpdateThreadParams {
  thread_id: string;
  title: string;
}
export interface DeleteThreadParams {
  thread_id: string;
}
export interface ListItemsParams {
  thread_id: string;
  limit?: number | null;
  order?: SortOrder;
  after?: string | null;
}
export type FeedbackKind = 'positive' | 'negative';
export interface FeedbackParams {
  thread_id: string;
  item_ids: string[];
  kind: FeedbackKind;
}
export interface CreateAttachmentParams {
  name: string;
  size: number;
  mime_type: string;
}
export interface DeleteAttachmentParams {
  attachment_id: string;
}
export interface TranscribeParams {
  audio_base64: string;
  /** e.g. `audio/webm;codecs=opus`. */
  mime_type: string;
}

// ---------------------------------------------------------------- requests

export type CreateThreadRequest = RequestEnvelope<'threads.create', CreateThreadParams>;
export type AddUserMessageRequest = RequestEnvelope<
  'threads.add_user_message',
  AddUserMessageParams
>;
export type AddClientToolOutputRequest = RequestEnvelope<
  'threads.add_client_tool_output',
  AddClientToolOutputParams
>;
export type AddStructuredInputRequest = RequestEnvelope<
  'threads.add_structured_input',
  AddStructuredInputParams
>;
export type RetryAfterItemRequest = RequestEnvelope<
  'threads.retry_after_item',
  RetryAfterItemParams
>;
export type CustomActionRequest = RequestEnvelope<'threads.custom_action', CustomActionParams>;

export type GetThreadByIdRequest = RequestEnvelope<'threads.get_by_id', GetThreadByIdParams>;
export type ListThreadsRequest = RequestEnvelope<'threads.list', ListThreadsParams>;
export type UpdateThreadRequest = RequestEnvelope<'threads.update', UpdateThreadParams>;
export type DeleteThreadRequest = RequestEnvelope<'threads.delete', DeleteThreadParams>;
export type ListItemsRequest = RequestEnvelope<'items.list', ListItemsParams>;
export type FeedbackRequest = RequestEnvelope<'items.feedback', FeedbackParams>;
export type CreateAttachmentRequest = RequestEnvelope<'attachments.create', CreateAttachmentParams>;
export type DeleteAttachmentRequest = RequestEnvelope<'attachments.delete', DeleteAttachmentParams>;
export type TranscribeRequest = RequestEnvelope<'input.transcribe', TranscribeParams>;
export type SyncCustomActionRequest = RequestEnvelope<
  'threads.sync_custom_action',
  CustomActionParams
>;

/** Operations answered with `text/event-stream`. */
export type StreamingRequest =
  | CreateThreadRequest
  | AddUserMessageRequest
  | AddClientToolOutputRequest
  | AddStructuredInputRequest
  | RetryAfterItemRequest
  | CustomActionRequest;

/** Operations answered with one JSON document. */
export type NonStreamingRequest =
  | GetThreadByIdRequest
  | ListThreadsRequest
  | UpdateThreadRequest
  | DeleteThreadRequest
  | ListItemsRequest
  | FeedbackRequest
  | CreateAttachmentRequest
  | DeleteAttachmentRequest
  | TranscribeRequest
  | SyncCustomActionRequest;

export type ChatKitRequest = StreamingRequest | NonStreamingRequest;
export type ChatKitRequestType = ChatKitRequest['type'];
export type StreamingRequestType = StreamingRequest['type'];
export type NonStreamingRequestType = NonStreamingRequest['type'];
/** The request whose `type` is `T`. */
export type RequestOfType<T extends ChatKitRequestType> = Extract<ChatKitRequest, { type: T }>;
/** The params of the request whose `type` is `T`. */
export type ParamsFor<T extends ChatKitRequestType> = RequestOfType<T>['params'];

export const STREAMING_REQUEST_TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const satisfies readonly StreamingRequestType[];

export const NON_STREAMING_REQUEST_TYPES = [
  'threads.get_by_id',
  'threads.list',
  'threads.update',
  'threads.delete',
  'items.list',
  'items.feedback',
  'attachments.create',
  'attachments.delete',
  'input.transcribe',
  'threads.sync_custom_action',
] as const satisfies readonly NonStreamingRequestType[];

// Compile-time check that the two lists cover their unions exactly.
type Missing<U, L extends readonly unknown[]> = Exclude<U, L[number]>;
const _allStreaming: Missing<StreamingRequestType, typeof STREAMING_REQUEST_TYPES> extends never
  ? true
  : false = true;
const _allNonStreaming: Missing<
  NonStreamingRequestType,
  typeof NON_STREAMING_REQUEST_TYPES
> extends never
  ? true
  : false = true;
void _allStreaming;
void _allNonStreaming;

const streamingTypes: ReadonlySet<string> = new Set(STREAMING_REQUEST_TYPES);

/** True when the server answers `req` with an SSE stream. */
export function isStreamingRequest(req: { type: string }): req is StreamingRequest {
  return streamingTypes.has(req.type);
}

// ---------------------------------------------------------------- responses

/** `{}`: the body of operations without a result. */
export type EmptyResponse = Record<string, never>;
export interface TranscribeResponse {
  text: string;
}
export interface SyncCustomActionResponse {
  updated_item?: ThreadItem;
}

/** Response body of each non-streaming operation. */
export interface NonStreamingResponses {
  'threads.get_by_id': Thread;
  'threads.list': Page<Thread>;
  'threads.update': Thread;
  'threads.delete': EmptyResponse;
  'items.list': Page<ThreadItem>;
  'items.feedback': EmptyResponse;
  'attachments.create': Attachment;
  'attachments.delete': EmptyResponse;
  'input.transcribe': TranscribeResponse;
  'threads.sync_custom_action': SyncCustomActionResponse;
}

/** The JSON body answered to the non-streaming request type `T` (or request `T`). */
export type ResponseFor<T extends NonStreamingRequestType | NonStreamingRequest> =
  T extends NonStreamingRequestType
    ? NonStreamingResponses[T]
    : T extends NonStreamingRequest
      ? NonStreamingResponses[T['type']]
      : never;

/** The body of a 4xx/5xx answer from our server. */
export interface ChatKitErrorBody {
  error: {
    code: string;
    message: string;
  };
}
