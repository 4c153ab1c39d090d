// One set of rules for what a model reads (src/bridges/thread-text.ts): the Agents SDK
// bridge and the AI SDK bridge give the same thread the same texts (the message with its
// attachment lines, the quote note, the @-mention lines, hidden context, the widget as
// JSON), each shaped for its own SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThreadItem } from '@chat-widget/protocol';
import { toAgentInput } from '@chat-widget/server/agents';
import { toModelMessages } from '@chat-widget/server/ai-sdk';

const base = { thread_id: 'thr_1', created_at: '2025-01-02T03:04:05Z' };
const items: ThreadItem[] = [
  {
    ...base,
    id: 'msg_1',
    type: 'user_message',
    content: [
      { type: 'input_text', text: 'Compare ' },
      { type: 'input_tag', id: 'p7', text: 'Plan B', data: { plan: 7 }, interactive: false },
    ],
    attachments: [{ type: 'file', id: 'atc_1', name: 'terms.txt', mime_type: 'text/plain' }],
    quoted_text: 'the fine print',
    inference_options: {},
  },
  { ...base, id: 'hc_1', type: 'hidden_context_item', content: { page: '/pricing' } },
  { ...base, id: 'shcx_1', type: 'sdk_hidden_context', content: 'the last answer was stopped' },
  { ...base, id: 'wd_1', type: 'widget', widget: { type: 'Card', children: [] } },
];

/** Each user-role message's text parts, one string per message. */
const agentTexts = async () =>
  (await toAgentInput(items)).flatMap((item) => {
    if (item.type !== 'message' || item.role !== 'user' || typeof item.content === 'string')
      return [];
    return [
      item.content.flatMap((part) => (part.type === 'input_text' ? [part.text] : [])).join('\n'),
    ];
  });
const modelTexts = async () =>
  (await toModelMessages(items)).flatMap((message) => {
    if (message.role !== 'user') return [];
    if (typeof message.content === 'string') return [message.content];
    return [
      message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n'),
    ];
  });

test('both bridges give a thread the same texts', async () => {
  const texts = await agentTexts();
  assert.deepEqual(await modelTexts(), texts);
  assert.deepEqual(texts, [
    'Compare @Plan B\n[attached file: terms.txt (text/plain)]',
    'The user is replying to this passage:\n<quote>\nthe fine print\n</quote>',
    'What the @-mentions in the message refer to (name them without the @):\n@Plan B: {"plan":7}',
    'Context for the assistant, not shown to the user:\n<hidden_context>\n{"page":"/pricing"}\n</hidden_context>',
    'Context for the assistant, not shown to the user:\n<hidden_context>\nthe last answer was stopped\n</hidden_context>',
    'The user was shown this widget (id wd_1): {"type":"Card","children":[]}',
  ]);
});
