// The composer's picks (`inference_options`: model and tool) from the request to the
// responder, and to the model: openAIResponder, agentsResponder and aiSdkResponder against
// the OpenAI stand-in (the model each request names). Also the offline demo transcriber.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import type { InferenceOptions, ThreadStreamEvent } from '@chat-widget/protocol';
import { agentsResponder, type ChatKitAgentContext } from '@chat-widget/server/agents';
import { aiSdkResponder } from '@chat-widget/server/ai-sdk';
import {
  createChatKitHandler,
  createMemoryStore,
  demoTranscriber,
  openAIResponder,
  type RespondContext,
} from '@chat-widget/server/chatkit';
import { Agent, OpenAIProvider, Runner } from '@openai/agents';
import { streamText } from 'ai';
import { type OpenAIStandin, startOpenAIStandin } from '../../../test-support/openai-standin.ts';
import { chatkitClient } from './helpers.ts';

const input = (text: string, inference_options: InferenceOptions) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  quoted_text: '',
  inference_options,
});

const threadOf = (events: ThreadStreamEvent[]) => {
  const created = events.find((e) => e.type === 'thread.created');
  assert.ok(created, 'thread.created');
  return created.thread.id;
};

describe('inference_options reach the responder', () => {
  test('per message; runs without a message get the latest message’s picks', async () => {
    const seen: [RespondContext['trigger'], InferenceOptions][] = [];
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      async *respond(context) {
        seen.push([context.trigger, context.inference]);
        if (context.trigger === 'message' && context.userMessage) {
          yield { type: 'client_tool_call', name: 'get_time', arguments: {} };
        } else yield 'done';
      },
    });
    const alice = chatkitClient(handler, 'alice');
    const first = await alice.stream('threads.create', {
      input: input('hi', { model: 'gpt-small', tool_choice: { id: 'search' } }),
    });
    // The stored user message keeps the picks as sent.
    const message = first.find(
      (e) => e.type === 'thread.item.done' && e.item.type === 'user_message',
    ) as { item: { inference_options: InferenceOptions } };
    assert.deepEqual(message.item.inference_options, {
      model: 'gpt-small',
      tool_choice: { id: 'search' },
    });
    const threadId = threadOf(first);
    await alice.stream('threads.add_client_tool_output', { thread_id: threadId, result: 1 });
    await alice.stream('threads.add_user_message', {
      thread_id: threadId,
      input: input('again', { model: 'gpt-large' }),
    });
    await alice.stream('threads.add_client_tool_output', { thread_id: threadId, result: 2 });
    await alice.stream('threads.add_user_message', { thread_id: threadId, input: input('x', {}) });
    assert.deepEqual(seen, [
      ['message', { model: 'gpt-small', tool_choice: { id: 'search' } }],
      ['client_tool_output', { model: 'gpt-small', tool_choice: { id: 'search' } }],
      ['message', { model: 'gpt-large' }],
      ['client_tool_output', { model: 'gpt-large' }],
      ['message', {}],
    ]);
  });
});

describe('the OpenAI responders use the picked model', () => {
  let standin: OpenAIStandin;
  before(async () => {
    standin = await startOpenAIStandin((request) =>
      request.path === '/chat/completions'
        ? { text: ['Hello'] }
        : [{ type: 'message', chunks: ['Hello'] }],
    );
  });
  after(() => standin.close());

  /** The `model` of each request the stand-in got for three messages: listed, unlisted, none. */
  async function modelsSent(handler: ReturnType<typeof createChatKitHandler>) {
    const from = standin.requests.length;
    const alice = chatkitClient(handler, 'alice');
    const events = await alice.stream('threads.create', {
      input: input('one', { model: 'gpt-picked' }),
    });
    const threadId = threadOf(events);
    for (const inference of [{ model: 'gpt-expensive' }, {}]) {
      await alice.stream('threads.add_user_message', {
        thread_id: threadId,
        input: input('next', inference),
      });
    }
    return standin.requests.slice(from).map((r) => [r.path, r.body.model]);
  }

  test('openAIResponder: a pick from `models` is sent; any other pick falls back to `model`', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: openAIResponder({
        baseURL: standin.baseURL,
        apiKey: 'sk-test',
        model: 'gpt-default',
        models: ['gpt-default', 'gpt-picked'],
      }),
    });
    assert.deepEqual(await modelsSent(handler), [
      ['/chat/completions', 'gpt-picked'],
      ['/chat/completions', 'gpt-default'],
      ['/chat/completions', 'gpt-default'],
    ]);
  });

  test('agentsResponder: the agent runs with a pick from `models`, else its own model', async () => {
    const runner = new Runner({
      modelProvider: new OpenAIProvider({ apiKey: 'sk-test', baseURL: standin.baseURL }),
      tracingDisabled: true,
    });
    const agent = new Agent<ChatKitAgentContext>({
      name: 'Helper',
      instructions: 'Help.',
      model: 'gpt-agent',
    });
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: agentsResponder({ agent, runner, models: ['gpt-picked'] }),
    });
    assert.deepEqual(await modelsSent(handler), [
      ['/responses', 'gpt-picked'],
      ['/responses', 'gpt-agent'],
      ['/responses', 'gpt-agent'],
    ]);
    assert.equal(agent.model, 'gpt-agent', 'the host’s agent is not changed');
  });

  test('aiSdkResponder: `stream` gets the model of a pick from `models`, else undefined', async () => {
    const openai = createOpenAI({ apiKey: 'sk-test', baseURL: standin.baseURL });
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: aiSdkResponder({
        models: { 'gpt-picked': openai('gpt-picked'), 'gpt-other': openai('gpt-other') },
        stream: ({ messages, abortSignal, model }) =>
          streamText({ model: model ?? openai('gpt-default'), messages, abortSignal }),
      }),
    });
    assert.deepEqual(await modelsSent(handler), [
      ['/responses', 'gpt-picked'],
      ['/responses', 'gpt-default'],
      ['/responses', 'gpt-default'],
    ]);
  });
});

describe('demoTranscriber', () => {
  test('hears the size and type of the recording through input.transcribe', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: async function* () {},
      transcribe: demoTranscriber,
    });
    const alice = chatkitClient(handler, 'alice');
    const audio = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
    const answers = [];
    for (const [bytes, mime_type] of [
      [2048, 'audio/webm;codecs=opus'],
      [40_000, 'audio/mp4'],
      [0, 'audio/ogg'],
      [512, '<b>not a type</b>'],
    ] as const) {
      const answer = await alice.json('input.transcribe', {
        audio_base64: audio(bytes),
        mime_type,
      });
      answers.push([answer.status, answer.body.text]);
    }
    assert.deepEqual(answers, [
      [200, '(heard 2.0 KB of audio/webm)'],
      [200, '(heard 39 KB of audio/mp4)'],
      [200, ''],
      [200, '(heard 0.5 KB of audio)'],
    ]);
  });
});
