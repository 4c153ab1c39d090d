// A loopback stand-in for the OpenAI HTTP API, for tests and offline demos: the real
// `openai`, `@openai/agents` and `ai` packages talk to it instead of the internet.
// It answers POST /v1/responses and POST /v1/chat/completions with server-sent event
// streams built from the published stream formats (Responses API events with
// `sequence_number`; Chat Completions `chat.completion.chunk` objects ending in [DONE]).
// What to answer is the caller's choice: a `reply` function sees each request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------- Responses API

/** One output item of a scripted Responses API answer. */
export type ResponsesOutput =
  /** An assistant message streamed as `chunks`; `annotations[i]` is added after chunk `after`. */
  (
    | {
        type: 'message';
        chunks: string[];
        annotations?: { after: number; annotation: Record<string, unknown> }[];
      }
    /** A reasoning item whose summary parts stream as the given chunks. */
    | { type: 'reasoning'; summary: string[][] }
    /** A function tool call. */
    | { type: 'function_call'; name: string; arguments: Record<string, unknown>; call_id?: string }
    /** A hosted web search with the sources it found. */
    | { type: 'web_search'; query: string; sources?: string[] }
    /** A hosted file search. */
    | {
        type: 'file_search';
        queries: string[];
        results?: { file_id: string; filename: string; score: number; text: string }[];
      }
    /** A hosted image generation: partial images, then the final one (base64). */
    | { type: 'image'; partials: string[]; result: string }
  ) & {
    /** The output item's id (default `<kind>_standin_<n>`). */
    id?: string;
  };

type Json = Record<string, unknown>;

/**
 * The events of one streamed Responses API answer (`stream: true`), in the order the API
 * sends them: response.created, per item output_item.added … output_item.done, then
 * response.completed carrying every output item.
 */
export function responsesEvents(outputs: ResponsesOutput[], options: { id?: string } = {}): Json[] {
  const responseId = options.id ?? 'resp_standin';
  const events: Json[] = [];
  const push = (event: Json) => events.push({ ...event, sequence_number: events.length });
  const response = (status: string, output: Json[]): Json => ({
    id: responseId,
    object: 'response',
    created_at: 1735787045,
    status,
    model: 'gpt-standin',
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage:
      status === 'completed'
        ? {
            input_tokens: 10,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 20,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 30,
          }
        : null,
  });
  push({ type: 'response.created', response: response('in_progress', []) });
  push({ type: 'response.in_progress', response: response('in_progress', []) });
  const done: Json[] = [];
  outputs.forEach((output, output_index) => {
    const n = output_index + 1;
    switch (output.type) {
      case 'message': {
        const item_id = output.id ?? `msg_standin_${n}`;
        push({
          type: 'response.output_item.added',
          output_index,
          item: {
            id: item_id,
            type: 'message',
            role: 'assistant',
            status: 'in_progress',
            content: [],
          },
        });
        const at = { item_id, output_index, content_index: 0 };
        push({
          type: 'response.content_part.added',
          ...at,
          part: { type: 'output_text', text: '', annotations: [] },
        });
        const annotations: Json[] = [];
        output.chunks.forEach((delta, index) => {
          push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
          for (const { after, annotation } of output.annotations ?? []) {
            if (after !== index) continue;
            push({
              type: 'response.output_text.annotation.added',
              ...at,
              annotation_index: annotations.length,
              annotation,
            });
            annotations.push(annotation);
          }
        });
        const text = output.chunks.join('');
        push({ type: 'response.output_text.done', ...at, text, logprobs: [] });
        const part = { type: 'output_text', text, annotations };
        push({ type: 'response.content_part.done', ...at, part });
        const item = {
          id: item_id,
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [part],
        };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
      case 'reasoning': {
        const item_id = output.id ?? `rs_standin_${n}`;
        push({
          type: 'response.output_item.added',
          output_index,
          item: { id: item_id, type: 'reasoning', summary: [] },
        });
        const summary: Json[] = [];
        output.summary.forEach((chunks, summary_index) => {
          const at = { item_id, output_index, summary_index };
          push({
            type: 'response.reasoning_summary_part.added',
            ...at,
            part: { type: 'summary_text', text: '' },
          });
          for (const delta of chunks)
            push({ type: 'response.reasoning_summary_text.delta', ...at, delta });
          const text = chunks.join('');
          push({ type: 'response.reasoning_summary_text.done', ...at, text });
          push({
            type: 'response.reasoning_summary_part.done',
            ...at,
            part: { type: 'summary_text', text },
          });
          summary.push({ type: 'summary_text', text });
        });
        const item = { id: item_id, type: 'reasoning', summary };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
      case 'function_call': {
        const item_id = output.id ?? `fc_standin_${n}`;
        const call_id = output.call_id ?? `call_standin_${n}`;
        const args = JSON.stringify(output.arguments);
        const base = { id: item_id, type: 'function_call', call_id, name: output.name };
        push({
          type: 'response.output_item.added',
          output_index,
          item: { ...base, status: 'in_progress', arguments: '' },
        });
        push({
          type: 'response.function_call_arguments.delta',
          item_id,
          output_index,
          delta: args,
        });
        push({
          type: 'response.function_call_arguments.done',
          item_id,
          output_index,
          arguments: args,
        });
        const item = { ...base, status: 'completed', arguments: args };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
      case 'web_search': {
        const item_id = output.id ?? `ws_standin_${n}`;
        push({
          type: 'response.output_item.added',
          output_index,
          item: {
            id: item_id,
            type: 'web_search_call',
            status: 'in_progress',
            action: { type: 'search', query: output.query },
          },
        });
        for (const phase of ['in_progress', 'searching', 'completed']) {
          push({ type: `response.web_search_call.${phase}`, item_id, output_index });
        }
        const item = {
          id: item_id,
          type: 'web_search_call',
          status: 'completed',
          action: {
            type: 'search',
            query: output.query,
            ...(output.sources
              ? { sources: output.sources.map((url) => ({ type: 'url', url })) }
              : {}),
          },
        };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
      case 'file_search': {
        const item_id = output.id ?? `fs_standin_${n}`;
        push({
          type: 'response.output_item.added',
          output_index,
          item: {
            id: item_id,
            type: 'file_search_call',
            status: 'in_progress',
            queries: [],
            results: null,
          },
        });
        for (const phase of ['in_progress', 'searching', 'completed']) {
          push({ type: `response.file_search_call.${phase}`, item_id, output_index });
        }
        const item = {
          id: item_id,
          type: 'file_search_call',
          status: 'completed',
          queries: output.queries,
          results: output.results ?? null,
        };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
      case 'image': {
        const item_id = output.id ?? `ig_standin_${n}`;
        push({
          type: 'response.output_item.added',
          output_index,
          item: { id: item_id, type: 'image_generation_call', status: 'in_progress', result: null },
        });
        push({ type: 'response.image_generation_call.in_progress', item_id, output_index });
        push({ type: 'response.image_generation_call.generating', item_id, output_index });
        output.partials.forEach((partial_image_b64, partial_image_index) => {
          push({
            type: 'response.image_generation_call.partial_image',
            item_id,
            output_index,
            partial_image_b64,
            partial_image_index,
            output_format: 'png',
          });
        });
        push({ type: 'response.image_generation_call.completed', item_id, output_index });
        const item = {
          id: item_id,
          type: 'image_generation_call',
          status: 'completed',
          result: output.result,
          output_format: 'png',
        };
        push({ type: 'response.output_item.done', output_index, item });
        done.push(item);
        break;
      }
    }
  });
  push({ type: 'response.completed', response: response('completed', done) });
  return events;
}

// ---------------------------------------------------------------- Chat Completions

/** One scripted Chat Completions answer. */
export interface ChatOutput {
  /** Content deltas. */
  text?: string[];
  /** `reasoning_content` deltas (the field OpenAI-compatible reasoning servers send). */
  reasoning?: string[];
  /** Tool calls, each streamed as a name chunk then its argument JSON. */
  toolCalls?: { name: string; arguments: Record<string, unknown>; id?: string }[];
}

/** The `chat.completion.chunk` objects of one streamed answer (the stand-in adds `[DONE]`). */
export function chatCompletionChunks(output: ChatOutput): Json[] {
  const chunks: Json[] = [];
  const chunk = (delta: Json, finish_reason: string | null = null): Json => ({
    id: 'chatcmpl-standin',
    object: 'chat.completion.chunk',
    created: 1735787045,
    model: 'gpt-standin',
    choices: [{ index: 0, delta, finish_reason, logprobs: null }],
  });
  chunks.push(chunk({ role: 'assistant', content: '' }));
  for (const piece of output.reasoning ?? []) chunks.push(chunk({ reasoning_content: piece }));
  for (const piece of output.text ?? []) chunks.push(chunk({ content: piece }));
  (output.toolCalls ?? []).forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id ?? `call_standin_${index + 1}`,
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    );
    chunks.push(
      chunk({ tool_calls: [{ index, function: { arguments: JSON.stringify(call.arguments) } }] }),
    );
  });
  chunks.push(chunk({}, output.toolCalls?.length ? 'tool_calls' : 'stop'));
  chunks.push({
    id: 'chatcmpl-standin',
    object: 'chat.completion.chunk',
    created: 1735787045,
    model: 'gpt-standin',
    choices: [],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  });
  return chunks;
}

// ---------------------------------------------------------------- the server

/** A request the stand-in received. */
export interface StandinRequest {
  /** Path after the base, e.g. `/responses`. */
  path: string;
  body: Json;
}

/** What to answer: a stream of events, or a plain JSON error. */
export type StandinReply =
  /** `hold`: send only the first `hold` events, then keep the stream open until the client leaves. */
  | { events: Json[]; hold?: number }
  | { status: number; error: { message: string; type?: string; code?: string } };

export interface OpenAIStandin {
  /** The API base to give clients, e.g. `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  /** Every request so far, oldest first. */
  requests: StandinRequest[];
  /** How many answers are still streaming (held ones included). */
  openStreams(): number;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1 (a free port). `reply` sees each request to
 * `/v1/responses` or `/v1/chat/completions` and returns what to stream; with a list
 * of ResponsesOutput or ChatOutput it answers in that API's format.
 */
export async function startOpenAIStandin(
  reply: (request: StandinRequest) => StandinReply | ResponsesOutput[] | ChatOutput,
): Promise<OpenAIStandin> {
  const requests: StandinRequest[] = [];
  let open = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname.replace(/^\/v1/, '');
    if (req.method !== 'POST' || (path !== '/responses' && path !== '/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}` } }));
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const request: StandinRequest = { path, body: JSON.parse(raw) as Json };
    requests.push(request);
    const answer = reply(request);
    const scripted: StandinReply = Array.isArray(answer)
      ? { events: responsesEvents(answer) }
      : 'events' in answer || 'status' in answer
        ? answer
        : { events: chatCompletionChunks(answer) };
    if ('status' in scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', ...scripted.error } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    open++;
    res.once('close', () => open--);
    const events =
      scripted.hold === undefined ? scripted.events : scripted.events.slice(0, scripted.hold);
    for (const event of events) {
      const name =
        typeof event.type === 'string' && path === '/responses' ? `event: ${event.type}\n` : '';
      res.write(`${name}data: ${JSON.stringify(event)}\n\n`);
    }
    if (scripted.hold !== undefined) {
      await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return;
    }
    if (path === '/chat/completions') res.write('data: [DONE]\n\n');
    res.end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    openStreams: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- scripted answers

/** One scripted answer: what to stream, or a function of the request that says so. */
export type ScriptedAnswer =
  | StandinReply
  | ResponsesOutput[]
  | ChatOutput
  | ((request: StandinRequest) => StandinReply | ResponsesOutput[] | ChatOutput);

export interface ScriptedStandin extends OpenAIStandin {
  /** The answers to the next requests, in order (a test sets it); past its end, HTTP 400. */
  script: ScriptedAnswer[];
}

/** A stand-in that answers each request with the next answer of its `script`. */
export async function startScriptedStandin(): Promise<ScriptedStandin> {
  const scripted: ScriptedStandin = {
    ...(await startOpenAIStandin((request) => {
      const next = scripted.script.shift();
      if (next === undefined) {
        return { status: 400, error: { message: 'the test scripted no more answers' } };
      }
      return typeof next === 'function' ? next(request) : next;
    })),
    script: [],
  };
  return scripted;
}

// ---------------------------------------------------------------- the rich fixtures' model turns
// What the model says in the runs recorded in test-support/fixtures/chatkit/rich, so a
// bridge's stream can be compared with the Python SDK's.

/** reasoning.*: two reasoning summary parts, then the answer. */
export const reasoningFixtureTurn = (): ResponsesOutput[] => [
  {
    type: 'reasoning',
    summary: [
      ['The trip is 240 km', ' at 80 km/h', ', so time = distance / speed = 240 / 80 = 3 hours.'],
      ['3 h × 80 km/h = 240 km, which matches the distance.'],
    ],
  },
  { type: 'message', chunks: ['At 80 km/h the 240 km trip takes ', '**3 hours**.'] },
];

const timeCall = { name: 'get_time', arguments: { tz: 'UTC' } };
const timeCallId = 'call_00000001';
const timeAnswer = ['It is ', '12:00 ', '(UTC) on your device.'];

/** tool.*: the model calls the client tool `get_time`, then answers with the device's time. */
export const toolFixtureTurns = {
  /** As Responses API outputs. */
  responses: (): ResponsesOutput[][] => [
    [{ type: 'function_call', ...timeCall, call_id: timeCallId }],
    [{ type: 'message', chunks: timeAnswer }],
  ],
  /** As Chat Completions answers. */
  chat: (): ChatOutput[] => [
    { toolCalls: [{ ...timeCall, id: timeCallId }] },
    { text: timeAnswer },
  ],
};
