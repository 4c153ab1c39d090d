// The AI SDK bridge end to end: the real `ai` package with the real @ai-sdk/openai
// provider talks to a loopback stand-in (Responses API events for `openai(model)`,
// Chat Completions chunks for `openai.chat(model)`); the ChatKit handler's stream is
// compared with the Python SDK fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createOpenAI } from '@ai-sdk/openai';
import type { ThreadItem, ThreadStreamEvent, WidgetRoot } from '@chat-widget/protocol';
import {
  type AiSdkResponderOptions,
  aiSdkResponder,
  toModelMessages,
  widgetOutput,
} from '@chat-widget/server/ai-sdk';
import { createChatKitHandler, createMemoryStore } from '@chat-widget/server/chatkit';
import { streamObject, streamText, tool } from 'ai';
import { z } from 'zod';
import {
  reasoningFixtureTurn,
  type ScriptedStandin,
  startScriptedStandin,
  toolFixtureTurns,
} from '../../../test-support/openai-standin.ts';
import { chatkitClient, parseSse, userInput } from './helpers.ts';

const RICH = fileURLToPath(new URL('../../../test-support/fixtures/chatkit/rich', import.meta.url));
const fixture = (name: string) => readFileSync(`${RICH}/${name}`, 'utf8');
const fixtureEvents = (name: string): ThreadStreamEvent[] =>
  fixture(`${name}.response.sse`)
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.slice('data: '.length)) as ThreadStreamEvent);
const fixtureRequest = (name: string) =>
  JSON.parse(fixture(`${name}.request.json`)) as Record<string, unknown>;

let standin: ScriptedStandin;
let openai: ReturnType<typeof createOpenAI>;

before(async () => {
  standin = await startScriptedStandin();
  openai = createOpenAI({ apiKey: 'sk-test', baseURL: standin.baseURL });
});
after(() => standin.close());

function setup(
  stream: AiSdkResponderOptions['stream'],
  extra: Partial<AiSdkResponderOptions> = {},
) {
  const errors: unknown[] = [];
  const store = createMemoryStore();
  const handler = createChatKitHandler({
    store,
    respond: aiSdkResponder({ stream, ...extra }),
    onError: (error) => errors.push(error),
  });
  return { client: chatkitClient(handler, 'alice'), store, errors };
}

/** Ids become `<prefix>#<n>` in order of appearance, timestamps a constant; thread.updated dropped. */
function normalize(events: ThreadStreamEvent[]): unknown[] {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((entry) => walk(entry));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (key === 'created_at') return 'T';
    if (
      typeof value === 'string' &&
      ['id', 'item_id', 'thread_id', 'call_id'].includes(key ?? '')
    ) {
      const prefix = value.split('_')[0]!;
      if (!ids.has(value)) {
        const n = (counts.get(prefix) ?? 0) + 1;
        counts.set(prefix, n);
        ids.set(value, `${prefix}#${n}`);
      }
      return ids.get(value);
    }
    return value;
  };
  return events.filter((event) => event.type !== 'thread.updated').map((event) => walk(event));
}

const post = async (client: ReturnType<typeof setup>['client'], body: unknown) =>
  parseSse(await (await client.post(body)).text());

describe('aiSdkResponder with @ai-sdk/openai (Responses API)', () => {
  test('reasoning parts become a reasoning workflow, text the answer (fixture reasoning.*)', async () => {
    standin.script = [reasoningFixtureTurn()];
    const { client } = setup(({ messages, abortSignal }) =>
      streamText({ model: openai('gpt-standin'), messages, abortSignal }),
    );
    const events = normalize(await post(client, fixtureRequest('reasoning.threads.create')));
    const expected = normalize(fixtureEvents('reasoning.threads.create')) as {
      item?: { workflow?: { tasks: { title?: string }[]; summary?: unknown } };
      update?: { task?: { title?: string } };
    }[];
    for (const event of expected) {
      delete event.update?.task?.title;
      for (const task of event.item?.workflow?.tasks ?? []) delete task.title;
    }
    const done = (events as typeof expected).find((event) => event.item?.workflow?.summary) as {
      item: { workflow: { summary: { duration: number } } };
    };
    assert.equal(typeof done.item.workflow.summary.duration, 'number');
    done.item.workflow.summary.duration = 4;
    assert.deepEqual(events, expected);
    const body = standin.requests.at(-1)!.body as { input: unknown[]; stream: boolean };
    assert.equal(body.stream, true);
    assert.deepEqual(body.input, [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'reasoning: how long does a 240 km trip take at 80 km/h?' },
        ],
      },
    ]);
  });

  test('url citations become url sources on the answer', async () => {
    standin.script = [
      () => [
        {
          type: 'message',
          chunks: ['Revenue grew ', '12% in 2024', '.'],
          annotations: [
            {
              after: 1,
              annotation: {
                type: 'url_citation',
                url: 'https://example.com/reports/2024',
                title: 'Annual report 2024',
                start_index: 13,
                end_index: 24,
              },
            },
          ],
        },
      ],
    ];
    const { client } = setup(({ messages, abortSignal }) =>
      streamText({ model: openai('gpt-standin'), messages, abortSignal }),
    );
    const events = await post(client, fixtureRequest('sources.threads.create'));
    const annotation = events.find(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.update.type === 'assistant_message.content_part.annotation_added',
    );
    assert.deepEqual(annotation && annotation.type === 'thread.item.updated' && annotation.update, {
      type: 'assistant_message.content_part.annotation_added',
      content_index: 0,
      annotation_index: 0,
      annotation: {
        type: 'annotation',
        source: {
          type: 'url',
          url: 'https://example.com/reports/2024',
          title: 'Annual report 2024',
        },
        index: 24,
      },
    });
    const done = events.findLast((e) => e.type === 'thread.item.done');
    assert.ok(done?.type === 'thread.item.done' && done.item.type === 'assistant_message');
    if (done?.type === 'thread.item.done' && done.item.type === 'assistant_message') {
      assert.equal(done.item.content[0]!.text, 'Revenue grew 12% in 2024.');
      assert.equal(done.item.content[0]!.annotations.length, 1);
    }
  });
});

describe('aiSdkResponder with @ai-sdk/openai chat (Chat Completions chunks)', () => {
  const getTime = tool({
    description: 'The time on the user’s device',
    inputSchema: z.object({ tz: z.string() }),
  });

  test('a tool without execute is a client tool: the turn ends, the output resumes it (fixtures tool.*)', async () => {
    standin.script = toolFixtureTurns.chat();
    const { client, store } = setup(({ messages, abortSignal }) =>
      streamText({
        model: openai.chat('gpt-standin'),
        messages,
        tools: { get_time: getTime },
        abortSignal,
      }),
    );
    const first = await post(client, fixtureRequest('tool.threads.create'));
    assert.deepEqual(normalize(first), normalize(fixtureEvents('tool.threads.create')));
    const threadId = (first[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
    const output = fixtureRequest('tool.threads.add_client_tool_output') as {
      params: { thread_id: string };
    };
    output.params.thread_id = threadId;
    const second = await post(client, output);
    assert.deepEqual(
      normalize(second),
      normalize(fixtureEvents('tool.threads.add_client_tool_output')),
    );
    const messages = (standin.requests.at(-1)!.body as { messages: Record<string, unknown>[] })
      .messages;
    assert.deepEqual(messages.slice(-2), [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_00000001',
            type: 'function',
            function: { name: 'get_time', arguments: '{"tz":"UTC"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_00000001', content: '{"time":"12:00","tz":"UTC"}' },
    ]);
    const items = (await store.listItems('alice', threadId, { limit: 10, order: 'asc' })).data;
    assert.deepEqual(
      items.map((item) => item.type),
      ['user_message', 'client_tool_call', 'assistant_message'],
    );
  });

  test('a tool returning widgetOutput() adds the widget (fixture widget.*), then the answer', async () => {
    const card = fixtureEvents('widget.threads.create')[3] as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.equal(card.item.type, 'widget');
    const widget = (card.item as { widget: WidgetRoot }).widget;
    const copyText = (card.item as { copy_text?: string }).copy_text;
    const showOrder = tool({
      description: 'Shows an order',
      inputSchema: z.object({ id: z.string() }),
      execute: async () => widgetOutput(widget, { copyText, result: 'shown' }),
    });
    standin.script = [
      () => ({ toolCalls: [{ name: 'show_order', arguments: { id: 'A-1234' } }] }),
      () => ({ text: ['Here is ', 'your order.'] }),
    ];
    const { client } = setup(({ messages, abortSignal }) =>
      streamText({
        model: openai.chat('gpt-standin'),
        messages,
        tools: { show_order: showOrder },
        stopWhen: ({ steps }) => steps.length >= 3,
        abortSignal,
      }),
    );
    const events = normalize(await post(client, fixtureRequest('widget.threads.create')));
    const expected = normalize(fixtureEvents('widget.threads.create'));
    assert.deepEqual(events.slice(0, 4), expected.slice(0, 4));
    assert.deepEqual(
      events.slice(4).map((event) => (event as { type: string }).type),
      [
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.done',
      ],
    );
  });

  test('an upstream error is an in-stream error event with retry', async () => {
    standin.script = [() => ({ status: 400, error: { message: 'bad model' } })];
    const { client, errors } = setup(({ messages, abortSignal }) =>
      streamText({ model: openai.chat('gpt-standin'), messages, abortSignal, maxRetries: 0 }),
    );
    const events = await client.stream('threads.create', { input: userInput('hello') });
    assert.deepEqual(events.at(-2), { type: 'error', code: 'stream.error', allow_retry: true });
    assert.equal(errors.length, 1);
  });

  test('streamObject: the final object is rendered as a widget', async () => {
    standin.script = [() => ({ text: ['{"city":"Par', 'is","temp":21}'] })];
    const { client } = setup(
      ({ messages, abortSignal }) =>
        streamObject({
          model: openai.chat('gpt-standin'),
          schema: z.object({ city: z.string(), temp: z.number() }),
          messages,
          abortSignal,
        }),
      {
        render: (object) => {
          const { city, temp } = object as { city: string; temp: number };
          return {
            type: 'Card',
            children: [
              { type: 'Title', value: city },
              { type: 'Text', value: `${temp} °C` },
            ],
          };
        },
      },
    );
    const events = await client.stream('threads.create', { input: userInput('weather?') });
    assert.deepEqual(
      events.filter((e) => e.type === 'progress_update' || e.type === 'thread.item.done').slice(1),
      [
        { type: 'progress_update', icon: 'sparkle', text: 'Working…' },
        events.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget'),
      ],
    );
    const widget = events.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget');
    assert.ok(widget?.type === 'thread.item.done' && widget.item.type === 'widget');
    if (widget?.type === 'thread.item.done' && widget.item.type === 'widget') {
      assert.deepEqual(widget.item.widget, {
        type: 'Card',
        children: [
          { type: 'Title', value: 'Paris' },
          { type: 'Text', value: '21 °C' },
        ],
      });
    }
  });
});

describe('toModelMessages', () => {
  test('tags, attachments, quotes, answers, tool results and hidden context', async () => {
    const base = { thread_id: 'thr_1', created_at: '2025-01-02T03:04:05Z' };
    const items: ThreadItem[] = [
      {
        ...base,
        id: 'msg_1',
        type: 'user_message',
        content: [
          { type: 'input_text', text: 'Email ' },
          { type: 'input_tag', id: 'c42', text: 'Ada', data: { crm_id: 42 }, interactive: true },
        ],
        attachments: [
          { type: 'file', id: 'atc_2', name: 'report.pdf', mime_type: 'application/pdf' },
        ],
        quoted_text: 'the passage',
        inference_options: {},
      },
      {
        ...base,
        id: 'msg_2',
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'Done.', annotations: [] }],
      },
      {
        ...base,
        id: 'tc_1',
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'call_1',
        name: 'get_time',
        arguments: { tz: 'UTC' },
        output: { time: '12:00' },
      },
      { ...base, id: 'shcx_1', type: 'sdk_hidden_context', content: 'stopped' },
    ];
    assert.deepEqual(await toModelMessages(items), [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Email @Ada' },
          { type: 'text', text: '[attached file: report.pdf (application/pdf)]' },
        ],
      },
      {
        role: 'user',
        content: 'The user is replying to this passage:\n<quote>\nthe passage\n</quote>',
      },
      {
        role: 'user',
        content:
          'What the @-mentions in the message refer to (name them without the @):\n@Ada: {"crm_id":42}',
      },
      { role: 'assistant', content: 'Done.' },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_time', input: { tz: 'UTC' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'get_time',
            output: { type: 'json', value: { time: '12:00' } },
          },
        ],
      },
      {
        role: 'user',
        content:
          'Context for the assistant, not shown to the user:\n<hidden_context>\nstopped\n</hidden_context>',
      },
    ]);
  });
});
