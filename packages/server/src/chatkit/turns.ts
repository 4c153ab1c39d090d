// Preparing a turn: the six streaming operations validated and persisted
// (user message, retry, tool output, structured input, custom action) before
// the 200 is committed, so every failure here is still a plain HTTP error.

import type {
  StreamingRequest,
  StructuredInputItem,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
} from '@chat-widget/protocol';
import { claimAttachments } from './attachments.js';
import { badRequest, ChatKitRequestError, notFound } from './errors.js';
import { newId, timestamp } from './ids.js';
import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import type { RespondContext, Responder } from './responder.js';
import { allItems } from './run.js';
import { createThreadWithItems } from './store.js';
import { isHidden, wireThread } from './wire.js';

export interface PreparedTurn {
  thread: ThreadMetadata;
  /** Events that precede the responder run (thread.created, the user message). */
  prelude: ThreadStreamEvent[];
  context: Omit<RespondContext, 'signal' | 'thread' | 'items' | 'userId' | 'inference'>;
  /** Use this responder instead of `respond` (custom actions). */
  responder?: Responder;
  /** Skip the responder: just send the prelude (e.g. a refused custom action). */
  only?: boolean;
}

async function buildUserMessage(
  config: HandlerConfig,
  userId: string,
  thread: ThreadMetadata,
  input: UserMessageInput,
): Promise<UserMessageItem> {
  const attachments = await claimAttachments(config, userId, thread, input.attachments);
  return {
    id: newId('msg'),
    thread_id: thread.id,
    created_at: timestamp(),
    type: 'user_message',
    content: input.content,
    attachments,
    ...(typeof input.quoted_text === 'string' ? { quoted_text: input.quoted_text } : {}),
    inference_options: input.inference_options,
  };
}

/** Validates and persists everything a streaming request needs before the 200 is committed. */
export async function prepareTurn(
  config: HandlerConfig,
  request: StreamingRequest,
  ctx: ChatKitRequestContext,
  /** The id a new thread gets (threads.create); default a fresh one. */
  newThreadId = newId('thr'),
): Promise<PreparedTurn> {
  const { store, ownedThread } = config;
  const { userId, claims } = ctx;
  switch (request.type) {
    case 'threads.create': {
      const thread: ThreadMetadata = {
        id: newThreadId,
        created_at: timestamp(),
        status: { type: 'active' },
        metadata: {},
      };
      const message = await buildUserMessage(config, userId, thread, request.params.input);
      await createThreadWithItems(store, userId, thread, [message]);
      return {
        thread,
        prelude: [
          { type: 'thread.created', thread: wireThread(thread) },
          { type: 'thread.item.done', item: message },
        ],
        context: { claims, userMessage: message, trigger: 'message' },
      };
    }
    case 'threads.add_user_message': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const message = await buildUserMessage(config, userId, thread, request.params.input);
      await store.addItem(userId, thread.id, message);
      return {
        thread,
        prelude: [{ type: 'thread.item.done', item: message }],
        context: { claims, userMessage: message, trigger: 'message' },
      };
    }
    case 'threads.retry_after_item': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const items = await allItems(store, userId, thread.id);
      const index = items.findIndex((item) => item.id === request.params.item_id);
      if (index < 0) throw notFound('Item');
      const message = items[index]!;
      if (message.type !== 'user_message')
        throw badRequest('params.item_id must name a user message');
      // Newer items go silently: the client drops them itself.
      for (const item of items.slice(index + 1).reverse())
        await store.deleteItem(userId, thread.id, item.id);
      return { thread, prelude: [], context: { claims, userMessage: message, trigger: 'retry' } };
    }
    case 'threads.add_client_tool_output': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const recent = await store.listItems(userId, thread.id, { limit: 20, order: 'desc' });
      const newest = recent.data.find((item) => !isHidden(item));
      if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') {
        throw new ChatKitRequestError(
          409,
          'ERR_CONFLICT',
          'The thread has no pending client tool call',
        );
      }
      newest.status = 'completed';
      newest.output = request.params.result;
      await store.saveItem(userId, thread.id, newest);
      for (const item of recent.data) {
        if (item !== newest && item.type === 'client_tool_call' && item.status === 'pending') {
          await store.deleteItem(userId, thread.id, item.id);
        }
      }
      return {
        thread,
        prelude: [],
        context: { claims, userMessage: null, trigger: 'client_tool_output', toolCall: newest },
      };
    }
    case 'threads.add_structured_input': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const item = await store.loadItem(userId, thread.id, request.params.item_id);
      if (!item) throw notFound('Item');
      if (item.type !== 'structured_input' || item.status !== 'pending') {
        throw new ChatKitRequestError(
          409,
          'ERR_CONFLICT',
          'params.item_id is not a pending structured input',
        );
      }
      const answered = answerStructuredInput(item, request.params.input);
      await store.saveItem(userId, thread.id, answered);
      return {
        thread,
        prelude: [{ type: 'thread.item.replaced', item: answered }],
        context: { claims, userMessage: null, trigger: 'message' },
      };
    }
    case 'threads.custom_action': {
      const thread = await ownedThread(userId, request.params.thread_id);
      let actionItem: ThreadItem | undefined;
      if (request.params.item_id) {
        actionItem = await store.loadItem(userId, thread.id, request.params.item_id);
        if (!actionItem) throw notFound('Item');
        if (actionItem.type !== 'widget') {
          // What the SDK does: a lone error event, no responder run.
          return {
            thread,
            prelude: [{ type: 'error', code: 'stream.error', allow_retry: false }],
            context: { claims, userMessage: null, trigger: 'custom_action' },
            only: true,
          };
        }
      }
      return {
        thread,
        prelude: [],
        context: {
          claims,
          userMessage: null,
          trigger: 'custom_action',
          action: request.params.action,
          ...(actionItem ? { actionItem } : {}),
        },
        ...(config.options.action ? { responder: config.options.action } : {}),
      };
    }
  }
}

function answerStructuredInput(
  item: StructuredInputItem,
  submission: {
    status?: 'answered' | 'skipped';
    answers?: Record<string, { values?: string[]; skipped?: boolean }>;
  },
): StructuredInputItem {
  const skippedAll = submission.status === 'skipped';
  return {
    ...item,
    status: skippedAll ? 'skipped' : 'answered',
    inputs: item.inputs.map((question) => {
      const answer = submission.answers?.[question.id];
      let values = Array.isArray(answer?.values)
        ? answer.values.filter((v) => typeof v === 'string')
        : [];
      const skipped = skippedAll || !answer || answer.skipped === true || values.length === 0;
      if (skipped) values = [];
      if (question.type === 'multiple_choice' && !question.multiple) values = values.slice(0, 1);
      return { ...question, answer: { values, skipped } };
    }),
  };
}
