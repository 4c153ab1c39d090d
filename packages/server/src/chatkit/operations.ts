// The ten non-streaming operations: threads and items read, renamed, deleted
// and rated, attachments created and deleted, dictation, sync widget actions.
// Each answers one JSON response.

import type { NonStreamingRequest } from '@chat-widget/protocol';
import { createAttachment } from './attachments.js';
import { badRequest, ChatKitRequestError, notFound } from './errors.js';
import { type ChatKitCall, json } from './http.js';
import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import { isHidden, wireItems, wireThread } from './wire.js';

/** Answers one non-streaming request for the verified user. */
export async function runOperation(
  config: HandlerConfig,
  request: NonStreamingRequest,
  ctx: ChatKitRequestContext,
  http: ChatKitCall,
): Promise<Response> {
  const { store, ownedThread, pageLimit, options } = config;
  const { userId } = ctx;
  switch (request.type) {
    case 'threads.get_by_id': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const page = await store.listItems(userId, thread.id, {
        limit: config.pageSize,
        order: 'asc',
      });
      const wire: Record<string, unknown> = { ...wireThread(thread, wireItems(page)) };
      // Resumable replies: the running turn a reloaded client can follow (threads.resume).
      const turn = await config.turnLog?.latest(thread.id);
      if (turn?.status === 'running' && turn.userId === userId) wire.active_turn = { id: turn.id };
      return json(wire);
    }
    case 'threads.list': {
      const page = await store.listThreads(userId, {
        limit: pageLimit(request.params.limit),
        order: request.params.order ?? 'desc',
        after: request.params.after ?? undefined,
      });
      const body: Record<string, unknown> = {
        data: page.data.map((t) => wireThread(t)),
        has_more: page.has_more,
      };
      if (page.after !== undefined) body.after = page.after;
      return json(body);
    }
    case 'threads.update': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const newTitle = request.params.title.trim();
      if (newTitle) thread.title = newTitle;
      else delete thread.title;
      await store.updateThread(userId, thread);
      return json(wireThread(thread));
    }
    case 'threads.delete': {
      await ownedThread(userId, request.params.thread_id);
      await store.deleteThread(userId, request.params.thread_id);
      return json({});
    }
    case 'items.list': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const page = await store.listItems(userId, thread.id, {
        limit: pageLimit(request.params.limit),
        order: request.params.order ?? 'desc',
        after: request.params.after ?? undefined,
      });
      return json(wireItems(page));
    }
    case 'items.feedback': {
      const thread = await ownedThread(userId, request.params.thread_id);
      for (const itemId of request.params.item_ids) {
        const item = await store.loadItem(userId, thread.id, itemId);
        if (!item || isHidden(item)) throw notFound(`Item ${JSON.stringify(itemId)}`);
      }
      await store.saveFeedback(userId, thread.id, request.params.item_ids, request.params.kind);
      return json({});
    }
    case 'attachments.create':
      return createAttachment(config, request.params, userId, http.request());
    case 'attachments.delete': {
      if (!(await store.deleteAttachment(userId, request.params.attachment_id)))
        throw notFound('Attachment');
      return json({});
    }
    case 'input.transcribe': {
      if (!options.transcribe) {
        throw new ChatKitRequestError(
          400,
          'ERR_UNSUPPORTED_OPERATION',
          'input.transcribe is not enabled on this server',
        );
      }
      const base64 = request.params.audio_base64.replace(/\s+/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
        throw badRequest('params.audio_base64 is not base64');
      }
      const audio = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      return json({ text: await options.transcribe(audio, request.params.mime_type, ctx) });
    }
    case 'threads.sync_custom_action': {
      const thread = await ownedThread(userId, request.params.thread_id);
      const item = request.params.item_id
        ? await store.loadItem(userId, thread.id, request.params.item_id)
        : undefined;
      if (request.params.item_id && !item) throw notFound('Item');
      const updated = options.syncAction
        ? await options.syncAction({ userId, thread, action: request.params.action, item })
        : undefined;
      if (updated) await store.saveItem(userId, thread.id, updated);
      return json(updated ? { updated_item: updated } : {});
    }
  }
}
