// A small server that follows the resume contract (threads.resume, `id: <turn>:<seq>`)
// on real node:http: it streams a recorded fixture's events as one turn and can cut the
// connection after any event, refuse resume, or forget the turn. Tests set its knobs.
import type { ServerResponse } from 'node:http';
import { parseSSE } from '@chat-widget/protocol';
import { startServer, type TestServer } from './server.js';

export interface TurnServer extends TestServer {
  /** The fixture's `data` payloads, in order (seq = index + 1). */
  events: string[];
  /** Cut the connection right after this many events of each response (null: never). */
  cutAfter: (number | null)[];
  /** Tag events with `id:` (false: a server without resume, like the Python SDK). */
  ids: boolean;
  /** Answer the next resume attempts with these HTTP statuses first (JSON error bodies). */
  resumeStatuses: number[];
  /** Also send events the client already has on resume (a misbehaving replay). */
  replayOverlap: number;
  /** `threads.stop` requests seen, by thread id. */
  stops: string[];
  /** `threads.get_by_id` says the turn still runs (`active_turn`). */
  activeTurn: boolean;
  /** Keep each response open after its last event (a turn still running). */
  holdOpen: boolean;
}

const TURN = 'turn_a1';

export async function startTurnServer(fixture: string): Promise<TurnServer> {
  const events = parseSSE(fixture).map((m) => m.data);
  const state = {
    events,
    cutAfter: [] as (number | null)[],
    ids: true,
    resumeStatuses: [] as number[],
    replayOverlap: 0,
    stops: [] as string[],
    activeTurn: true,
    holdOpen: false,
  };
  // What the store holds mid-turn: the thread and its user message (the fixture's first two events).
  const created = JSON.parse(events[0]!) as { thread: Record<string, unknown> };
  const userMessage = (JSON.parse(events[1]!) as { item: unknown }).item;
  const page = { data: [userMessage], has_more: false };
  let responses = 0;
  const write = (res: ServerResponse, from: number) => {
    const cut = state.cutAfter[responses++] ?? null;
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let sent = 0;
    for (let seq = from; seq <= events.length; seq++) {
      if (cut !== null && sent === cut) {
        // A dropped connection: no terminating chunk.
        res.flushHeaders();
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      res.write(`${state.ids ? `id: ${TURN}:${seq}\n` : ''}data: ${events[seq - 1]}\n\n`);
      sent++;
    }
    if (!state.holdOpen) res.end();
  };
  const server = await startServer((_req, res, body) => {
    const { type, params } = body as { type: string; params: Record<string, string> };
    if (type === 'threads.stop') {
      state.stops.push(params.thread_id!);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    if (type === 'threads.get_by_id' || type === 'items.list') {
      const thread = {
        ...created.thread,
        items: page,
        ...(state.activeTurn ? { active_turn: { id: TURN } } : {}),
      };
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(type === 'items.list' ? page : thread));
      return;
    }
    if (type === 'threads.resume') {
      const status = state.resumeStatuses.shift();
      if (status !== undefined) {
        const code = status === 410 ? 'turn_expired' : 'nope';
        res
          .writeHead(status, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: { code, message: code } }));
        return;
      }
      const last = params.last_event_id ? Number(params.last_event_id.split(':')[1]) : 0;
      write(res, Math.max(1, last + 1 - state.replayOverlap));
      return;
    }
    write(res, 1);
  });
  return Object.assign(state, {
    url: server.url,
    requests: server.requests,
    close: server.close,
  });
}
