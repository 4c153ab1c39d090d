// Parses a request body into a typed ChatKitRequest, or throws a 400 that
// names the offending field. Lenient where ChatKit's own client types are
// (missing `attachments`, `inference_options`, `input_tag.data`), strict on types.
import type {
  Action,
  ChatKitRequest,
  ChatKitRequestType,
  InferenceOptions,
  SortOrder,
  StructuredInputSubmission,
  UserMessageContent,
  UserMessageInput,
} from '@chat-widget/protocol';
import { NON_STREAMING_REQUEST_TYPES, STREAMING_REQUEST_TYPES } from '@chat-widget/protocol';
import { badRequest, ChatKitRequestError } from './errors.js';

type Json = Record<string, unknown>;
const KNOWN_TYPES: readonly string[] = [...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES];
/** Longest id we accept anywhere (ids are ours; anything longer is garbage). */
const MAX_ID = 200;

/** Deepest nesting of arrays/objects a request may have (ChatKit requests need well under 20). */
export const MAX_JSON_DEPTH = 64;
/** Most arrays, objects and values a request may hold in all. */
export const MAX_JSON_NODES = 100_000;

/**
 * Refuses JSON too deep or too large to handle safely: recursive code further
 * on (stores' `JSON.stringify`, structured clones, responders) would overflow
 * the stack on a few thousand levels. Walks with an explicit stack, so the
 * check itself cannot overflow, and stops at the first limit crossed.
 */
export function checkJsonShape(body: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++nodes > MAX_JSON_NODES) {
      throw badRequest(`Request JSON has more than ${MAX_JSON_NODES} values`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw badRequest(`Request JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function id(params: Json, key: string, path = 'params'): string {
  const value = params[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID) {
    throw badRequest(`${path}.${key} must be a non-empty string`);
  }
  return value;
}

function optionalId(params: Json, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  return id(params, key);
}

function string(params: Json, key: string, path: string, max: number): string {
  const value = params[key];
  if (typeof value !== 'string') throw badRequest(`${path}.${key} must be a string`);
  if (value.length > max) throw badRequest(`${path}.${key} is longer than ${max} characters`);
  return value;
}

function limit(params: Json): number | null {
  const value = params.limit;
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw badRequest('params.limit must be a non-negative integer or null');
  }
  return value;
}

function order(params: Json): SortOrder {
  const value = params.order;
  if (value === undefined || value === null) return 'desc';
  if (value !== 'asc' && value !== 'desc') throw badRequest('params.order must be "asc" or "desc"');
  return value;
}

function content(value: unknown, index: number): UserMessageContent {
  const path = `params.input.content[${index}]`;
  if (!isObject(value)) throw badRequest(`${path} must be an object`);
  if (value.type === 'input_text') {
    return { type: 'input_text', text: string(value, 'text', path, 100_000) };
  }
  if (value.type === 'input_tag') {
    const tag: Json = {
      type: 'input_tag',
      id: id(value, 'id', path),
      text: string(value, 'text', path, 10_000),
      data: isObject(value.data) ? value.data : {},
    };
    if (typeof value.group === 'string') tag.group = value.group;
    if (typeof value.interactive === 'boolean') tag.interactive = value.interactive;
    return tag as unknown as UserMessageContent;
  }
  throw badRequest(`${path}.type must be "input_text" or "input_tag"`);
}

function input(params: Json): UserMessageInput {
  const value = params.input;
  if (!isObject(value)) throw badRequest('params.input must be an object');
  if (!Array.isArray(value.content)) throw badRequest('params.input.content must be an array');
  if (value.content.length > 100) throw badRequest('params.input.content has too many parts');
  const parts = value.content.map(content);
  let attachments: string[] = [];
  if (value.attachments !== undefined && value.attachments !== null) {
    if (
      !Array.isArray(value.attachments) ||
      value.attachments.length > 100 ||
      !value.attachments.every((a) => typeof a === 'string' && a.length > 0 && a.length <= MAX_ID)
    ) {
      throw badRequest('params.input.attachments must be an array of attachment ids');
    }
    attachments = value.attachments as string[];
  }
  if (parts.length === 0 && attachments.length === 0) {
    throw badRequest('params.input has no content and no attachments');
  }
  const options = value.inference_options ?? {};
  if (!isObject(options)) throw badRequest('params.input.inference_options must be an object');
  const inference: InferenceOptions = {};
  if (isObject(options.tool_choice) && typeof options.tool_choice.id === 'string') {
    inference.tool_choice = { id: options.tool_choice.id };
  }
  if (typeof options.model === 'string') inference.model = options.model;
  const result: UserMessageInput = { content: parts, attachments, inference_options: inference };
  if (value.quoted_text !== undefined && value.quoted_text !== null) {
    result.quoted_text = string(value, 'quoted_text', 'params.input', 100_000);
  }
  return result;
}

function action(params: Json): Action {
  const value = params.action;
  if (!isObject(value) || typeof value.type !== 'string' || value.type.length === 0) {
    throw badRequest('params.action must be an object with a string "type"');
  }
  return value.payload === undefined
    ? { type: value.type }
    : { type: value.type, payload: value.payload };
}

function submission(params: Json): StructuredInputSubmission {
  const value = params.input;
  if (!isObject(value)) throw badRequest('params.input must be an object');
  if (value.status !== undefined && value.status !== 'answered' && value.status !== 'skipped') {
    throw badRequest('params.input.status must be "answered" or "skipped"');
  }
  if (value.answers !== undefined && !isObject(value.answers)) {
    throw badRequest('params.input.answers must be an object');
  }
  return value as StructuredInputSubmission;
}

/** Validates a decoded JSON body. */
export function parseChatKitRequest(body: unknown): ChatKitRequest {
  if (!isObject(body)) throw badRequest('Request body must be a JSON object');
  checkJsonShape(body);
  const type = body.type;
  if (typeof type !== 'string') throw badRequest('Request "type" must be a string');
  if (!KNOWN_TYPES.includes(type)) {
    throw new ChatKitRequestError(
      400,
      'ERR_UNKNOWN_OPERATION',
      `Unknown request type ${JSON.stringify(type.slice(0, 100))}`,
    );
  }
  const params = body.params;
  if (!isObject(params)) throw badRequest(`"params" must be an object (use {} when empty)`);
  const t = type as ChatKitRequestType;
  switch (t) {
    case 'threads.create':
      return { type: t, params: { input: input(params) } };
    case 'threads.add_user_message':
      return { type: t, params: { thread_id: id(params, 'thread_id'), input: input(params) } };
    case 'threads.add_client_tool_output':
      if (!('result' in params)) throw badRequest('params.result is required');
      return { type: t, params: { thread_id: id(params, 'thread_id'), result: params.result } };
    case 'threads.add_structured_input':
      return {
        type: t,
        params: {
          thread_id: id(params, 'thread_id'),
          item_id: id(params, 'item_id'),
          input: submission(params),
        },
      };
    case 'threads.retry_after_item':
      return {
        type: t,
        params: { thread_id: id(params, 'thread_id'), item_id: id(params, 'item_id') },
      };
    case 'threads.custom_action':
    case 'threads.sync_custom_action':
      return {
        type: t,
        params: {
          thread_id: id(params, 'thread_id'),
          item_id: optionalId(params, 'item_id') ?? null,
          action: action(params),
        },
      };
    case 'threads.get_by_id':
    case 'threads.delete':
      return { type: t, params: { thread_id: id(params, 'thread_id') } };
    case 'threads.list':
      return {
        type: t,
        params: {
          limit: limit(params),
          order: order(params),
          after: optionalId(params, 'after') ?? null,
        },
      };
    case 'threads.update':
      return {
        type: t,
        params: {
          thread_id: id(params, 'thread_id'),
          title: string(params, 'title', 'params', 500),
        },
      };
    case 'items.list':
      return {
        type: t,
        params: {
          thread_id: id(params, 'thread_id'),
          limit: limit(params),
          order: order(params),
          after: optionalId(params, 'after') ?? null,
        },
      };
    case 'items.feedback': {
      const ids = params.item_ids;
      if (
        !Array.isArray(ids) ||
        ids.length === 0 ||
        ids.length > 100 ||
        !ids.every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID)
      ) {
        throw badRequest('params.item_ids must be a non-empty array of item ids');
      }
      if (params.kind !== 'positive' && params.kind !== 'negative') {
        throw badRequest('params.kind must be "positive" or "negative"');
      }
      return {
        type: t,
        params: {
          thread_id: id(params, 'thread_id'),
          item_ids: ids as string[],
          kind: params.kind,
        },
      };
    }
    case 'attachments.create': {
      const size = params.size;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw badRequest('params.size must be a non-negative integer');
      }
      const name = string(params, 'name', 'params', 1000);
      if (!name.trim()) throw badRequest('params.name must not be empty');
      const mime = string(params, 'mime_type', 'params', 255);
      if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(mime))
        throw badRequest('params.mime_type is not a MIME type');
      return { type: t, params: { name, size, mime_type: mime } };
    }
    case 'attachments.delete':
      return { type: t, params: { attachment_id: id(params, 'attachment_id') } };
    case 'input.transcribe':
      return {
        type: t,
        params: {
          audio_base64: string(params, 'audio_base64', 'params', 50_000_000),
          mime_type: string(params, 'mime_type', 'params', 255),
        },
      };
  }
}
