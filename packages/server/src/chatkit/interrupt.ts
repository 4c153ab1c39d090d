// Ending a turn whose process died: the log holds what its readers saw, so
// the items still streaming (added, never done) are rebuilt from it with the
// protocol's reducer and stored as they stood, with a hidden note that the
// reply is incomplete; then the log gets a `stream.interrupted` error (retry
// allowed) and the turn ends. Writes are replace-by-id, so a second instance
// finishing the same job (its first claimant died too) duplicates nothing.

import {
  applyStreamEvent,
  createThreadState,
  type ThreadItem,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import { timestamp } from './ids.js';
import type { ChatKitStore } from './store.js';
import type { LoggedEvent, TurnLog, TurnRecord } from './turn-log.js';

/** Every event of a turn, in order. */
export async function readAll(log: TurnLog, turnId: string): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for (;;) {
    const batch = await log.read(turnId, events.at(-1)?.seq ?? 0, 1000);
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

/** Items the events added but never finished, as the reader last saw them. */
export function partialItems(events: LoggedEvent[]): ThreadItem[] {
  let state = createThreadState();
  for (const event of events) {
    state = applyStreamEvent(state, JSON.parse(event.data) as ThreadStreamEvent);
  }
  return state.streaming
    .map((id) => state.items.find((item) => item.id === id))
    .filter((item): item is ThreadItem => {
      if (!item) return false;
      if (item.type === 'assistant_message')
        return item.content.some((part) => part.text.trim() !== '');
      if (item.type === 'generated_image') return item.image !== undefined && item.image !== null;
      return true;
    });
}

/** Stores the partial reply of a turn this instance claimed, then ends it as interrupted. */
export async function interruptTurn(
  store: ChatKitStore,
  log: TurnLog,
  turn: TurnRecord,
): Promise<void> {
  const events = await readAll(log, turn.id);
  const partial = partialItems(events);
  for (const item of partial) await store.saveItem(turn.userId, turn.threadId, item);
  const message = partial.find((item) => item.type === 'assistant_message');
  if (message) {
    await store.saveItem(turn.userId, turn.threadId, {
      // One note per turn, whoever writes it.
      id: `shcx_${turn.id.replace(/^turn_/, '')}`,
      thread_id: turn.threadId,
      created_at: timestamp(),
      type: 'sdk_hidden_context',
      content: `The assistant's previous response (item ${message.id}) was interrupted when its server stopped; it is incomplete.`,
    });
  }
  const error: ThreadStreamEvent = {
    type: 'error',
    code: 'stream.interrupted',
    allow_retry: true,
  };
  await log.append(turn.id, [{ seq: (events.at(-1)?.seq ?? 0) + 1, data: JSON.stringify(error) }]);
  await log.end(turn.id, 'interrupted');
}
