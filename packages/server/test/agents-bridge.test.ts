// The @openai/agents bridge end to end: the real Agents SDK (and the openai client in
// it) talks to a loopback stand-in that streams Responses API events; the ChatKit
// handler turns the run into a stream that is compared with the Python SDK fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ThreadItem, ThreadStreamEvent } from '@chat-widget/protocol';
import {
  agentsResponder,
  type ChatKitAgentContext,
  clientTool,
  toAgentInput,
} from '@chat-widget/server/agents';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
} from '@chat-widget/server/chatkit';
import {
  Agent,
  fileSearchTool,
  imageGenerationTool,
  OpenAIProvider,
  type RunContext,
  Runner,
  tool,
  webSearchTool,
} from '@openai/agents';
import { z } from 'zod';
import {
  reasoningFixtureTurn,
  responsesEvents,
  type ScriptedStandin,
  startScriptedStandin,
  toolFixtureTurns,
} from '../../../test-support/openai-standin.ts';
import { chatkitClient, parseSse, sleep, userInput } from './helpers.ts';

const RICH = fileURLToPath(new URL('../../../test-support/fixtures/chatkit/rich', import.meta.url));
const fixture = (name: string) => readFileSync(`${RICH}/${name}`, 'utf8');
/** Fixture events (the SDK writes floats as `3.0`, so no compactness check here). */
const fixtureEvents = (name: string): ThreadStreamEvent[] =>
  fixture(`${name}.response.sse`)
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.slice('data: '.length)) as ThreadStreamEvent);
const fixtureRequest = (name: string) =>
  JSON.parse(fixture(`${name}.request.json`)) as Record<string, unknown>;

let standin: ScriptedStandin;
let runner: Runner;

before(async () => {
  standin = await startScriptedStandin();
  runner = new Runner({
    modelProvider: new OpenAIProvider({ apiKey: 'sk-test', baseURL: standin.baseURL }),
    tracingDisabled: true,
  });
});
after(() => standin.close());

function setup(
  agent: Agent<ChatKitAgentContext, 'text'> | Agent<ChatKitAgentContext<undefined>>,
  store: ChatKitStore = createMemoryStore(),
) {
  const errors: unknown[] = [];
  const handler = createChatKitHandler({
    store,
    respond: agentsResponder({
      agent,
      runner,
      imageUrl: (image) =>
        `https://images.example.com/${image.id}${image.partialIndex === undefined ? '' : `-partial-${image.partialIndex}`}.png`,
    }),
    onError: (error) => errors.push(error),
  });
  return { client: chatkitClient(handler, 'alice'), store, errors };
}

/**
 * Ids become `<prefix>#<n>` in order of appearance and timestamps a constant, so a
 * stream can be compared with a fixture whose ids came from another counter.
 */
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
      (key === 'id' || key === 'item_id' || key === 'thread_id' || key === 'call_id')
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
  return events.map((event) => walk(event));
}

const signature = (event: ThreadStreamEvent) =>
  event.type === 'thread.item.updated'
    ? `updated:${event.update.type}`
    : 'item' in event
      ? `${event.type}:${event.item.type}`
      : event.type;

/** Normalized events without thread.updated (titles are the handler's, not the bridge's). */
const withoutTitle = (events: ThreadStreamEvent[]) =>
  normalize(events.filter((event) => event.type !== 'thread.updated'));

/** The fixture's last thread.updated without its title (ours comes from the first message). */
function untitled(events: unknown[]): unknown[] {
  return events.map((event) => {
    const e = event as { type: string; thread?: Record<string, unknown> };
    if (e.type !== 'thread.updated' || !e.thread) return event;
    const { title: _title, allowed_image_domains: _domains, ...thread } = e.thread;
    return { ...e, thread };
  });
}

describe('agentsResponder (Responses API stand-in)', () => {
  test('reasoning summaries become a reasoning workflow with thought tasks, then the answer (fixture reasoning.*)', async () => {
    standin.script = [reasoningFixtureTurn()];
    const agent = new Agent<ChatKitAgentContext>({
      name: 'Planner',
      instructions: 'Think, then answer.',
    });
    const { client } = setup(agent);
    const events = parseSse(
      await (await client.post(fixtureRequest('reasoning.threads.create'))).text(),
    );
    const expected = normalize(fixtureEvents('reasoning.threads'.concat('.create')));
    // Responses summaries have no titles, and the run's duration is what it is.
    for (const event of expected as {
      item?: { workflow?: { tasks: { title?: string }[]; summary?: unknown } };
      update?: { task?: { title?: string } };
    }[]) {
      delete event.update?.task?.title;
      for (const task of event.item?.workflow?.tasks ?? []) delete task.title;
    }
    const actual = normalize(events) as {
      item?: { workflow?: { summary?: { duration: number } } };
    }[];
    const done = actual.find((event) => event.item?.workflow?.summary);
    assert.equal(typeof done?.item?.workflow?.summary?.duration, 'number');
    done!.item!.workflow!.summary!.duration = 4;
    assert.deepEqual(untitled(actual), untitled(expected));
    // What the model was sent: the user's text as Responses input.
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

  test('a client tool call ends the turn; the browser’s output resumes it (fixtures tool.*)', async () => {
    const getTime = clientTool({
      name: 'get_time',
      description: 'The time on the user’s device',
      parameters: z.object({ tz: z.string() }),
    });
    const agent = new Agent<ChatKitAgentContext>({ name: 'Clock', tools: [getTime] });
    standin.script = toolFixtureTurns.responses();
    const { client, store } = setup(agent);
    const first = parseSse(await (await client.post(fixtureRequest('tool.threads.create'))).text());
    assert.deepEqual(withoutTitle(first), withoutTitle(fixtureEvents('tool.threads.create')));
    const threadId = (first[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;

    const output = fixtureRequest('tool.threads.add_client_tool_output') as {
      params: { thread_id: string };
    };
    output.params.thread_id = threadId;
    const second = parseSse(await (await client.post(output)).text());
    assert.deepEqual(
      withoutTitle(second),
      withoutTitle(fixtureEvents('tool.threads.add_client_tool_output')),
    );

    // The second model call got the call and the browser's result as Responses input items.
    const input = (standin.requests.at(-1)!.body as { input: Record<string, unknown>[] }).input;
    assert.deepEqual(
      input.slice(-2).map(({ id: _id, ...item }) => item),
      [
        {
          type: 'function_call',
          call_id: 'call_00000001',
          name: 'get_time',
          arguments: '{"tz":"UTC"}',
          status: 'completed',
        },
        {
          type: 'function_call_output',
          call_id: 'call_00000001',
          output: '{"time":"12:00","tz":"UTC"}',
          status: 'completed',
        },
      ],
    );
    const items = (await store.listItems('alice', threadId, { limit: 10, order: 'asc' })).data;
    assert.deepEqual(
      items.map((item) => item.type),
      ['user_message', 'client_tool_call', 'assistant_message'],
    );
    assert.equal(items[1]!.type === 'client_tool_call' && items[1]!.status, 'completed');
  });

  test('a tool that shows a widget adds a widget item (fixture widget.*), then the answer', async () => {
    const card = (
      fixtureEvents('widget.threads.create')[3] as Extract<
        ThreadStreamEvent,
        { type: 'thread.item.done' }
      >
    ).item;
    assert.equal(card.type, 'widget');
    const showOrder = tool({
      name: 'show_order',
      description: 'Shows an order card',
      parameters: z.object({ id: z.string() }),
      execute: async (_input, runContext?: RunContext<ChatKitAgentContext>) => {
        if (card.type === 'widget') runContext!.context.widget(card.widget, card.copy_text);
        return 'The card is on screen.';
      },
    });
    const agent = new Agent<ChatKitAgentContext>({ name: 'Shop', tools: [showOrder] });
    standin.script = [
      [{ type: 'function_call', name: 'show_order', arguments: { id: 'A-1234' } }],
      [{ type: 'message', chunks: ['Here is your order.'] }],
    ];
    const { client } = setup(agent);
    const events = withoutTitle(
      parseSse(await (await client.post(fixtureRequest('widget.threads.create'))).text()),
    );
    const expected = withoutTitle(fixtureEvents('widget.threads.create'));
    assert.deepEqual(
      events.slice(0, 4),
      expected.slice(0, 4),
      'thread, user message, stream options, the Card',
    );
    assert.deepEqual(
      events.slice(4).map((event) => (event as { type: string }).type),
      [
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.done',
      ],
    );
    // The model saw the tool's result, not the widget.
    const input = (standin.requests.at(-1)!.body as { input: Record<string, unknown>[] }).input;
    assert.equal(input.at(-1)!.output, 'The card is on screen.');
  });

  test('image generation streams a generated_image item with partial images (fixture image.*)', async () => {
    standin.script = [
      [
        {
          type: 'image',
          id: 'ig_00000001',
          partials: ['cGFydGlhbDA=', 'cGFydGlhbDE='],
          result: 'ZmluYWw=',
        },
        { type: 'message', chunks: ['Here is a watercolour lighthouse ', 'at dusk.'] },
      ],
    ];
    const agent = new Agent<ChatKitAgentContext>({
      name: 'Painter',
      tools: [imageGenerationTool()],
    });
    const { client } = setup(agent);
    const events = parseSse(
      await (await client.post(fixtureRequest('image.threads.create'))).text(),
    );
    assert.deepEqual(withoutTitle(events), withoutTitle(fixtureEvents('image.threads.create')));
  });

  test('web search, file search and citations: workflow tasks, then text with url and file annotations', async () => {
    standin.script = [
      [
        {
          type: 'web_search',
          query: 'revenue 2024',
          sources: ['https://example.com/reports/2024', 'javascript:alert(1)'],
        },
        {
          type: 'file_search',
          queries: ['regional breakdown'],
          results: [{ file_id: 'file_1', filename: 'q4-regions.pdf', score: 0.9, text: '…' }],
        },
        {
          type: 'message',
          chunks: ['Revenue grew ', '12% in 2024', ', strongest in EMEA.'],
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
            {
              after: 2,
              annotation: {
                type: 'file_citation',
                file_id: 'file_1',
                filename: 'q4-regions.pdf',
                index: 43,
              },
            },
            {
              after: 2,
              annotation: {
                type: 'url_citation',
                url: 'javascript:alert(1)',
                title: 'bad',
                start_index: 0,
                end_index: 1,
              },
            },
          ],
        },
      ],
    ];
    const agent = new Agent<ChatKitAgentContext>({
      name: 'Analyst',
      tools: [webSearchTool(), fileSearchTool('vs_1')],
    });
    const { client } = setup(agent);
    const events = parseSse(
      await (await client.post(fixtureRequest('sources.threads.create'))).text(),
    );
    const updates = events.filter(
      (e) =>
        e.type === 'thread.item.updated' ||
        e.type === 'thread.item.added' ||
        e.type === 'thread.item.done',
    );
    assert.deepEqual(updates.slice(1).map(signature), [
      'thread.item.added:workflow',
      'updated:workflow.task.updated',
      'updated:workflow.task.added',
      'updated:workflow.task.updated',
      'thread.item.done:workflow',
      'thread.item.added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.annotation_added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.annotation_added',
      'updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    const workflow = events.find(
      (e) => e.type === 'thread.item.done' && e.item.type === 'workflow',
    ) as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    assert.equal(workflow.item.type, 'workflow');
    if (workflow.item.type !== 'workflow') return;
    assert.equal(workflow.item.workflow.type, 'custom');
    assert.deepEqual(workflow.item.workflow.tasks, [
      {
        type: 'web_search',
        status_indicator: 'complete',
        title: 'Searched the web',
        title_query: 'revenue 2024',
        queries: ['revenue 2024'],
        sources: [{ type: 'url', url: 'https://example.com/reports/2024', title: 'example.com' }],
      },
      {
        type: 'file',
        status_indicator: 'complete',
        title: 'Read 1 file',
        sources: [{ type: 'file', filename: 'q4-regions.pdf', title: 'q4-regions.pdf' }],
      },
    ]);
    const message = events.findLast(
      (e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message',
    ) as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    assert.deepEqual(message.item.type === 'assistant_message' && message.item.content[0], {
      type: 'output_text',
      text: 'Revenue grew 12% in 2024, strongest in EMEA.',
      annotations: [
        {
          type: 'annotation',
          source: {
            type: 'url',
            url: 'https://example.com/reports/2024',
            title: 'Annual report 2024',
          },
          index: 24,
        },
        {
          type: 'annotation',
          source: { type: 'file', filename: 'q4-regions.pdf', title: 'q4-regions.pdf' },
          index: 43,
        },
      ],
    });
  });

  test('a model error becomes an in-stream error event with retry; nothing half-done is stored', async () => {
    standin.script = [() => ({ status: 400, error: { message: 'model exploded' } })];
    const agent = new Agent<ChatKitAgentContext>({ name: 'Broken' });
    const { client, store, errors } = setup(agent);
    const events = await client.stream('threads.create', { input: userInput('hello') });
    assert.deepEqual(events.at(-2), { type: 'error', code: 'stream.error', allow_retry: true });
    assert.equal(errors.length, 1);
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    const items = (await store.listItems('alice', threadId, { limit: 10, order: 'asc' })).data;
    assert.deepEqual(
      items.map((item) => item.type),
      ['user_message'],
    );
  });

  test('a tripped guardrail takes back the streamed answer and shows the guardrail message', async () => {
    standin.script = [[{ type: 'message', chunks: ['Sure, here is ', 'the secret.'] }]];
    const agent = new Agent<ChatKitAgentContext>({
      name: 'Guarded',
      outputGuardrails: [
        {
          name: 'no-secrets',
          execute: async () => ({ tripwireTriggered: true, outputInfo: 'secret' }),
        },
      ],
    });
    const { client, store } = setup(agent);
    const events = await client.stream('threads.create', {
      input: userInput('tell me the secret'),
    });
    const added = events.find((e) => e.type === 'thread.item.added') as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.added' }
    >;
    assert.ok(events.some((e) => e.type === 'thread.item.removed' && e.item_id === added.item.id));
    assert.ok(
      events.some(
        (e) =>
          e.type === 'error' &&
          e.code === 'custom' &&
          e.message === 'Sorry, I can’t help with that request.' &&
          !e.allow_retry,
      ),
    );
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    const items = (await store.listItems('alice', threadId, { limit: 10, order: 'asc' })).data;
    assert.deepEqual(
      items.map((item) => item.type),
      ['user_message'],
    );
  });

  test('stop cancels the run and keeps the partial answer, marked incomplete for the model', async () => {
    const events = responsesEvents([
      { type: 'message', chunks: ['One ', 'two ', 'three ', 'four'] },
    ]);
    const third = events.findIndex(
      (e) => e.type === 'response.output_text.delta' && e.delta === 'three ',
    );
    let closed = false;
    standin.script = [
      (request) => {
        void request;
        return { events, hold: third };
      },
    ];
    const agent = new Agent<ChatKitAgentContext>({ name: 'Slow' });
    const { client, store } = setup(agent);
    const response = await client.post({
      type: 'threads.create',
      params: { input: userInput('count') },
    });
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/text_delta/g) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const threadId = /"thread":\{"id":"(thr_[0-9a-f]+)"/.exec(text)![1]!;
    let items: ThreadItem[] = [];
    for (let i = 0; i < 200 && items.length < 3; i++) {
      await sleep(10);
      items = (await store.listItems('alice', threadId, { limit: 10, order: 'asc' })).data;
    }
    assert.deepEqual(
      items.map((item) => item.type),
      ['user_message', 'assistant_message', 'sdk_hidden_context'],
    );
    assert.equal(items[1]!.type === 'assistant_message' && items[1]!.content[0]!.text, 'One two ');
    closed = standin.openStreams() === 0;
    for (let i = 0; i < 200 && !closed; i++) {
      await sleep(10);
      closed = standin.openStreams() === 0;
    }
    assert.ok(closed, 'the upstream stream was closed');
  });
});

describe('toAgentInput', () => {
  const base = { thread_id: 'thr_1', created_at: '2025-01-02T03:04:05Z' };
  test('user messages with tags, attachments and quotes, answers, tool results, hidden context, widgets', async () => {
    const items: ThreadItem[] = [
      {
        ...base,
        id: 'msg_1',
        type: 'user_message',
        content: [
          { type: 'input_text', text: 'Email ' },
          { type: 'input_tag', id: 'c42', text: 'Ada', data: { crm_id: 42 }, interactive: true },
          { type: 'input_text', text: ' the report' },
        ],
        attachments: [
          {
            type: 'image',
            id: 'atc_1',
            name: 'chart.png',
            mime_type: 'image/png',
            preview_url: 'https://files.example.com/chart.png',
          },
          { type: 'file', id: 'atc_2', name: 'report.pdf', mime_type: 'application/pdf' },
        ],
        quoted_text: 'old quote',
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
      {
        ...base,
        id: 'tc_2',
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_2',
        name: 'get_time',
        arguments: {},
      },
      { ...base, id: 'hc_1', type: 'hidden_context_item', content: 'user is on the pricing page' },
      { ...base, id: 'shcx_1', type: 'sdk_hidden_context', content: 'answer msg_2 was stopped' },
      {
        ...base,
        id: 'msg_3',
        type: 'widget',
        widget: { type: 'Card', children: [{ type: 'Text', value: 'Hi' }] },
      },
      { ...base, id: 'eot', type: 'end_of_turn' },
      {
        ...base,
        id: 'msg_4',
        type: 'user_message',
        content: [{ type: 'input_text', text: 'and now?' }],
        attachments: [],
        quoted_text: 'the passage',
        inference_options: {},
      },
    ];
    const input = await toAgentInput(items);
    assert.deepEqual(input, [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Email @Ada the report' },
          { type: 'input_image', image: 'https://files.example.com/chart.png' },
          { type: 'input_text', text: '[attached file: report.pdf (application/pdf)]' },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: 'What the @-mentions in the message refer to (name them without the @):',
          },
          { type: 'input_text', text: '@Ada: {"crm_id":42}' },
        ],
      },
      {
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Done.' }],
      },
      {
        type: 'function_call',
        callId: 'call_1',
        name: 'get_time',
        arguments: '{"tz":"UTC"}',
        status: 'completed',
      },
      {
        type: 'function_call_result',
        callId: 'call_1',
        name: 'get_time',
        status: 'completed',
        output: '{"time":"12:00"}',
      },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: 'Context for the assistant, not shown to the user:\n<hidden_context>\nuser is on the pricing page\n</hidden_context>',
          },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: 'Context for the assistant, not shown to the user:\n<hidden_context>\nanswer msg_2 was stopped\n</hidden_context>',
          },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: 'The user was shown this widget (id msg_3): {"type":"Card","children":[{"type":"Text","value":"Hi"}]}',
          },
        ],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and now?' }] },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: 'The user is replying to this passage:\n<quote>\nthe passage\n</quote>',
          },
        ],
      },
    ]);
  });

  test('host hooks replace the defaults (attachments by file id)', async () => {
    const input = await toAgentInput(
      [
        {
          ...base,
          id: 'msg_1',
          type: 'user_message',
          content: [{ type: 'input_text', text: 'see file' }],
          attachments: [{ type: 'file', id: 'atc_9', name: 'a.pdf', mime_type: 'application/pdf' }],
          inference_options: {},
        },
      ],
      {
        attachment: (attachment) => ({ type: 'input_file', file: { id: `file-${attachment.id}` } }),
      },
    );
    assert.deepEqual(input[0], {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'see file' },
        { type: 'input_file', file: { id: 'file-atc_9' } },
      ],
    });
  });
});
