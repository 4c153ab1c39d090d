// Helpers for the resumable-replies tests: SSE frames with their `id:` lines,
// an instance (handler + verifier + store + turn log) reached with real
// tokens, and responders the tests can pace.
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import { createJwksVerifier, withAuth } from '@chat-widget/server/auth';
import {
  type ChatKitHandlerOptions,
  type ChatKitStore,
  createChatKitHandler,
  type Responder,
  type TurnLog,
} from '@chat-widget/server/chatkit';
import { AUDIENCE, ISSUER, sleep, userInput } from './helpers.ts';

export interface Frame {
  /** `<turn id>:<seq>`, or undefined when the frame had no id line. */
  id: string | undefined;
  seq: number;
  event: ThreadStreamEvent;
}

/** Parses `id: …\ndata: …\n\n` frames (the id line optional), asserting the framing. */
export function parseFrames(text: string): Frame[] {
  if (text === '') return [];
  if (!text.endsWith('\n\n')) throw new Error(`SSE body does not end with a blank line`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      const lines = frame.split('\n');
      let id: string | undefined;
      if (lines[0]!.startsWith('id: ')) id = lines.shift()!.slice(4);
      if (lines.length !== 1 || !lines[0]!.startsWith('data: '))
        throw new Error(`bad SSE frame: ${frame}`);
      const seq = id ? Number(id.slice(id.lastIndexOf(':') + 1)) : Number.NaN;
      return { id, seq, event: JSON.parse(lines[0]!.slice(6)) as ThreadStreamEvent };
    });
}

/** Reads frames until `stop` says so (then cancels the body), or to the end. */
export async function readFrames(
  response: Response,
  stop: (frames: Frame[]) => boolean = () => false,
): Promise<Frame[]> {
  if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let frames: Frame[] = [];
  while (!stop(frames)) {
    const { done, value } = await reader.read();
    if (done) return frames;
    text += decoder.decode(value, { stream: true });
    frames = parseFrames(text.slice(0, text.lastIndexOf('\n\n') + 2));
  }
  await reader.cancel();
  return frames;
}

export const deltaText = (frames: Frame[]) =>
  frames
    .map(({ event }) =>
      event.type === 'thread.item.updated' &&
      event.update.type === 'assistant_message.content_part.text_delta'
        ? event.update.delta
        : '',
    )
    .join('');

export const threadIdOf = (frames: Frame[]) => {
  const created = frames.find((f) => f.event.type === 'thread.created')?.event;
  if (created?.type !== 'thread.created') throw new Error('no thread.created');
  return created.thread.id;
};

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** Streams `w0 w1 … w<count-1> ` with a pause between words; records aborts. */
export function wordsResponder(count: number, pauseMs = 10) {
  const seen = { started: 0, aborted: 0, finished: 0 };
  const respond: Responder = async function* ({ signal }) {
    seen.started++;
    signal.addEventListener('abort', () => seen.aborted++, { once: true });
    for (let i = 0; i < count; i++) {
      if (signal.aborted) return;
      yield `w${i} `;
      await sleep(pauseMs);
    }
    seen.finished++;
  };
  return { respond, seen };
}

/** One server instance: the handler behind a JWKS verifier, as the demo wires it. */
export function instance(
  jwksUrl: string,
  store: ChatKitStore,
  turnLog: TurnLog | undefined,
  options: Partial<ChatKitHandlerOptions> & { respond: Responder },
) {
  const verifier = createJwksVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
  const handler = createChatKitHandler({
    store,
    ...(turnLog ? { turnLog } : {}),
    onError: () => {},
    ...options,
  });
  const fetch = withAuth(verifier, (request, auth) =>
    handler.fetch(request, { userId: auth.sub, claims: auth.claims }),
  );
  const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(
      new Request('http://app.test/api/chatkit', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    );
  return {
    handler,
    post,
    create: (token: string, text: string, headers?: Record<string, string>) =>
      post(token, { type: 'threads.create', params: { input: userInput(text) } }, headers),
    resume: (token: string, threadId: string, lastEventId?: string) =>
      post(token, {
        type: 'threads.resume',
        params: lastEventId
          ? { thread_id: threadId, last_event_id: lastEventId }
          : { thread_id: threadId },
      }),
    async getThread(token: string, threadId: string) {
      const response = await post(token, {
        type: 'threads.get_by_id',
        params: { thread_id: threadId },
      });
      return (await response.json()) as {
        active_turn?: { id: string };
        items: { data: { type: string; id: string; content?: { text: string }[] }[] };
      };
    },
  };
}
