// A responder backed by any OpenAI-compatible Chat Completions endpoint
// (OpenAI, Azure-style proxies, vLLM, Ollama, LM Studio…) with stream:true.
import type { ThreadItem } from '@chat-widget/protocol';
import { ServerError } from '../errors.js';
import {
  ChatKitStreamError,
  pickModel,
  type Responder,
  type ResponderOutput,
} from './responder.js';

export interface OpenAIResponderOptions {
  /** API base incl. version, e.g. `https://api.openai.com/v1` (env OPENAI_BASE_URL; default that URL). */
  baseURL?: string;
  /** Bearer key (env OPENAI_API_KEY); omitted from the request when empty (local servers). */
  apiKey?: string;
  /** Model name (env OPENAI_MODEL; default "gpt-4o-mini"). */
  model?: string;
  /**
   * Models the user may pick in the composer (the ids of the widget's `models`): a
   * message sent with one of them (`inference_options.model`) is answered by it; any
   * other pick is ignored and `model` answers.
   */
  models?: readonly string[];
  /** System prompt sent first. */
  instructions?: string;
  /** How many of the latest visible messages go to the model (default 40). */
  maxHistory?: number;
  /** Extra body fields (temperature, max_tokens, …). */
  body?: Record<string, unknown>;
  /** Transport (tests), default globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Response-start timeout in ms (default 60 000). */
  timeout?: number;
}

type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** Turns thread items into Chat Completions messages (text only). */
export function toChatMessages(items: ThreadItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const item of items) {
    if (item.type === 'user_message') {
      const text = item.content.map((part) => part.text).join(' ');
      const quoted = item.quoted_text ? `> ${item.quoted_text}\n\n` : '';
      const files = item.attachments.length
        ? `\n\n[attached: ${item.attachments.map((a) => a.name).join(', ')}]`
        : '';
      messages.push({ role: 'user', content: `${quoted}${text}${files}` });
    } else if (item.type === 'assistant_message') {
      messages.push({ role: 'assistant', content: item.content.map((part) => part.text).join('') });
    } else if (item.type === 'client_tool_call' && item.status === 'completed') {
      messages.push({
        role: 'user',
        content: `[tool ${item.name} returned ${JSON.stringify(item.output ?? null)}]`,
      });
    } else if (item.type === 'sdk_hidden_context') {
      messages.push({ role: 'system', content: item.content });
    }
  }
  return messages;
}

/** Reads `data:` payloads from an SSE body (handles split lines and UTF-8). */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffer.search(/\r\n|\r|\n/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        newline = buffer.search(/\r\n|\r|\n/);
      }
      if (done) {
        if (data.length) yield data.join('\n');
        return;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

export function openAIResponder(options: OpenAIResponderOptions = {}): Responder {
  const env = typeof process !== 'undefined' ? process.env : {};
  const baseURL = (options.baseURL ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(
    /\/+$/,
    '',
  );
  const apiKey = options.apiKey ?? env.OPENAI_API_KEY ?? '';
  const model = options.model ?? env.OPENAI_MODEL ?? 'gpt-4o-mini';
  const maxHistory = options.maxHistory ?? 40;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = options.timeout ?? 60_000;

  return async function* openai(context): AsyncGenerator<ResponderOutput> {
    const history = toChatMessages(context.items).slice(-maxHistory);
    const messages: ChatMessage[] = options.instructions
      ? [{ role: 'system', content: options.instructions }, ...history]
      : history;
    if (context.trigger === 'custom_action' && context.action) {
      messages.push({ role: 'user', content: `[widget action ${JSON.stringify(context.action)}]` });
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
    };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const startTimeout = AbortSignal.timeout(timeout);
    let response: Response;
    try {
      response = await fetchImpl(`${baseURL}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          ...options.body,
          model: pickModel(context, options.models, model),
          stream: true,
          messages,
        }),
        signal: AbortSignal.any([context.signal, startTimeout]),
      });
    } catch (cause) {
      if (context.signal.aborted) return;
      throw new ServerError('ERR_UPSTREAM', 'Chat Completions request failed', { cause });
    }
    if (!response.ok || !response.body) {
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      if (response.status === 429) {
        throw new ChatKitStreamError(
          'The model is busy (rate limited). Please try again shortly.',
          {
            allowRetry: true,
          },
        );
      }
      throw new ServerError(
        'ERR_UPSTREAM',
        `Chat Completions answered HTTP ${response.status}: ${detail}`,
      );
    }
    for await (const data of sseData(response.body)) {
      if (data === '[DONE]') return;
      let chunk: {
        choices?: { delta?: { content?: string | null; refusal?: string | null } }[];
        error?: { message?: string };
      };
      try {
        chunk = JSON.parse(data);
      } catch {
        continue; // keep-alives or vendor comments
      }
      if (chunk.error)
        throw new ServerError(
          'ERR_UPSTREAM',
          `Chat Completions stream error: ${chunk.error.message ?? 'unknown'}`,
        );
      const delta = chunk.choices?.[0]?.delta;
      const text = delta?.content ?? delta?.refusal;
      if (text) yield text;
    }
  };
}
