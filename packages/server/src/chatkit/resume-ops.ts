// The protocol extensions of resumable replies (RESUME contract): the
// `threads.resume` and `threads.stop` requests, and `Idempotency-Key` on the
// two requests that add a user message. Servers without a turn log refuse
// resume/stop as unknown operations, as other ChatKit servers do.

import type { StreamingRequest } from '@chat-widget/protocol';
import { badRequest, ChatKitRequestError } from './errors.js';
import { type ChatKitCall, json } from './http.js';
import { newId } from './ids.js';
import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import type { Resumable } from './resumable.js';
import {
  emptyStream,
  type Reply,
  type SseReply,
  streamResponse,
  type TurnRegistry,
} from './sse-response.js';
import type { IdempotencyRecord } from './store.js';
import { prepareTurn } from './turns.js';

/** Longest accepted `Idempotency-Key`. */
export const MAX_IDEMPOTENCY_KEY = 200;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function threadId(params: Record<string, unknown>): string {
  const value = params.thread_id;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw badRequest('params.thread_id must be a non-empty string');
  return value;
}

/** `turn_x:17` → its parts, or 400. */
export function parseEventId(value: unknown): { turnId: string; seq: number } | undefined {
  if (value === undefined || value === null) return undefined;
  const match = typeof value === 'string' ? /^([^:\s]{1,200}):(\d{1,9})$/.exec(value) : null;
  if (!match) throw badRequest('params.last_event_id must look like "<turn id>:<sequence number>"');
  return { turnId: match[1]!, seq: Number(match[2]) };
}

const turnExpired = () =>
  new ChatKitRequestError(
    410,
    'turn_expired',
    'That turn is no longer retained: reload the thread (threads.get_by_id)',
  );

/** Answers `threads.resume` / `threads.stop`, or returns undefined for any other request. */
export async function resumeOperation(
  config: HandlerConfig,
  resumable: Resumable,
  body: unknown,
  ctx: ChatKitRequestContext,
  http: ChatKitCall,
): Promise<Reply | undefined> {
  if (!isObject(body) || (body.type !== 'threads.resume' && body.type !== 'threads.stop'))
    return undefined;
  if (!isObject(body.params)) throw badRequest('params must be an object');
  const thread = await config.ownedThread(ctx.userId, threadId(body.params));
  const { log } = resumable;
  if (body.type === 'threads.stop') {
    await resumable.stop(thread.id);
    return json({});
  }
  const after = parseEventId(body.params.last_event_id);
  if (after) {
    const turn = await log.get(after.turnId);
    if (!turn || turn.threadId !== thread.id || turn.userId !== ctx.userId) throw turnExpired();
    return resumable.read(turn.id, after.seq, http.signal);
  }
  const turn = await log.latest(thread.id);
  if (!turn || turn.userId !== ctx.userId) return emptyStream();
  return resumable.read(turn.id, 0, http.signal);
}

/** The request's `Idempotency-Key`, if it carries one (400 when malformed). */
export function idempotencyKey(http: ChatKitCall): string | undefined {
  const key = http.header('idempotency-key');
  if (key === null) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
    throw badRequest(`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  return key;
}

/** Answers a resend: the first request's turn from its start, or an empty stream. */
async function replay(
  resumable: Resumable | undefined,
  earlier: IdempotencyRecord,
  ctx: ChatKitRequestContext,
  signal: AbortSignal | undefined,
): Promise<SseReply> {
  if (!resumable || !earlier.turn_id) return emptyStream();
  // The first request may still be between recording its key and starting its turn.
  for (let attempt = 0; attempt < 40; attempt++) {
    const turn = await resumable.log.get(earlier.turn_id);
    if (turn)
      return turn.userId === ctx.userId ? resumable.read(turn.id, 0, signal) : emptyStream();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return emptyStream();
}

/** Prepares and streams a turn: de-duplicated by Idempotency-Key, resumable with a turn log. */
export async function startStreaming(
  config: HandlerConfig,
  registry: TurnRegistry,
  resumable: Resumable | undefined,
  request: StreamingRequest,
  ctx: ChatKitRequestContext,
  http: ChatKitCall,
): Promise<SseReply> {
  const { store } = config;
  const turnId = newId('turn');
  const keyed = request.type === 'threads.create' || request.type === 'threads.add_user_message';
  const key = keyed ? idempotencyKey(http) : undefined;
  const newThreadId = request.type === 'threads.create' ? newId('thr') : undefined;
  let prepared: Awaited<ReturnType<typeof prepareTurn>>;
  if (key !== undefined && store.claimIdempotencyKey) {
    const threadOf =
      request.type === 'threads.add_user_message'
        ? (await config.ownedThread(ctx.userId, request.params.thread_id)).id
        : newThreadId!;
    const record: IdempotencyRecord = { thread_id: threadOf };
    if (resumable) record.turn_id = turnId;
    const earlier = await store.claimIdempotencyKey(
      ctx.userId,
      key,
      record,
      config.idempotencyTtlMs,
    );
    if (earlier) return replay(resumable, earlier, ctx, http.signal);
    try {
      prepared = await prepareTurn(config, request, ctx, newThreadId);
    } catch (error) {
      await store.releaseIdempotencyKey?.(ctx.userId, key).catch(config.onError);
      throw error;
    }
  } else {
    prepared = await prepareTurn(config, request, ctx, newThreadId);
  }
  if (resumable) return resumable.start(prepared, ctx, turnId, http.signal);
  return streamResponse(config, registry, prepared, ctx, http.signal);
}
