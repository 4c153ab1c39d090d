// Journey: the demo with CHAT_RESPONDER=agents. The real Agents SDK in the demo server
// talks to a loopback stand-in for the OpenAI Responses API (no internet), which answers
// like a model would: reasoning then a cited answer, a call of the page's client tool,
// a call of the server tool that shows a widget. The widget shows the reasoning, the
// source, the tool round trip and the widget item.
import type { Page } from '@playwright/test';
import {
  type OpenAIStandin,
  type ResponsesOutput,
  type StandinRequest,
  startOpenAIStandin,
} from '../../test-support/openai-standin.ts';
import {
  type DemoServer,
  expect,
  launchDemo,
  launcher,
  openLauncher,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

type InputItem = {
  type?: string;
  role?: string;
  call_id?: string;
  name?: string;
  output?: string;
  content?: { type: string; text?: string }[];
};

/** What the stand-in "model" answers, from the last input item. */
function answer(request: StandinRequest): ResponsesOutput[] {
  const input = (request.body.input ?? []) as InputItem[];
  const last = input.at(-1);
  if (last?.type === 'function_call_output') {
    const call = input.find(
      (item) => item.type === 'function_call' && item.call_id === last.call_id,
    );
    if (call?.name === 'get_page_info') {
      const page = JSON.parse(last.output ?? '{}') as { title?: string };
      return [{ type: 'message', chunks: ['You are on ', `“${page.title}”.`] }];
    }
    return [{ type: 'message', chunks: ['Here is the care card.'] }];
  }
  const text = (last?.content ?? []).map((part) => part.text ?? '').join(' ');
  if (/page/i.test(text)) return [{ type: 'function_call', name: 'get_page_info', arguments: {} }];
  if (/fern/i.test(text)) {
    return [{ type: 'function_call', name: 'show_plant_card', arguments: { plant: 'fern' } }];
  }
  return [
    {
      type: 'reasoning',
      summary: [['Blue light scatters ', 'more than red light in air.']],
    },
    {
      type: 'message',
      chunks: ['Rayleigh scattering makes the sky blue', '.'],
      annotations: [
        {
          after: 0,
          annotation: {
            type: 'url_citation',
            url: 'https://en.wikipedia.org/wiki/Rayleigh_scattering',
            title: 'Rayleigh scattering',
            start_index: 0,
            end_index: 38,
          },
        },
      ],
    },
  ];
}

let standin: OpenAIStandin;
let demo: DemoServer;

test.beforeAll(async () => {
  standin = await startOpenAIStandin(answer);
  demo = await launchDemo({
    env: { CHAT_RESPONDER: 'agents', OPENAI_BASE_URL: standin.baseURL, OPENAI_API_KEY: 'sk-e2e' },
  });
});
test.afterAll(async () => {
  await demo?.dispose();
  await standin?.close();
});

async function ask(page: Page, text: string) {
  const widget = launcher(page);
  const input = widget.locator('[part~="input"]');
  await input.fill(text);
  await input.press('Enter');
  return widget;
}

test('agents responder: reasoning, a cited source, a client tool round trip and a widget', async ({
  page,
}) => {
  await page.goto(`${demo.mainOrigin}/`);
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);

  // 1. Reasoning as a workflow of thoughts, then the answer with its source.
  await ask(page, 'Why is the sky blue?');
  const workflow = widget.locator('[part~="workflow"]');
  await expect(workflow).toHaveCount(1);
  await expect(workflow.locator('[part~="task"]')).toContainText(
    'Blue light scatters more than red light in air.',
  );
  const answerMessage = widget.locator('[part~="message"][part~="assistant"]').first();
  await expect(answerMessage).toContainText('Rayleigh scattering makes the sky blue.');
  const source = answerMessage.locator('[part~="source"]');
  await expect(source).toHaveCount(1);
  await expect(source).toContainText('Rayleigh scattering');
  await expect(source.locator('a')).toHaveAttribute(
    'href',
    'https://en.wikipedia.org/wiki/Rayleigh_scattering',
  );

  // 2. A client tool: the page answers get_page_info, the agent continues with it.
  await expect(widget.locator('[part~="send-button"]')).toBeVisible();
  await ask(page, 'What page am I on?');
  const toolCall = widget.locator('[part~="tool-call"]');
  await expect(toolCall).toHaveAttribute('data-state', 'done');
  const title = await page.title();
  await expect(widget.locator('[part~="message"][part~="assistant"]').nth(1)).toContainText(
    `You are on “${title}”.`,
  );
  const toolOutput = standin.requests
    .flatMap((request) => (request.body.input ?? []) as InputItem[])
    .find((item) => item.type === 'function_call_output');
  expect(JSON.parse(toolOutput?.output ?? '{}')).toEqual({ title, url: `${demo.mainOrigin}/` });

  // 3. A server tool that shows a widget: the widget item is in the thread.
  await expect(widget.locator('[part~="send-button"]')).toBeVisible();
  await ask(page, 'How do I care for a fern?');
  const card = widget.locator('[part~="item"][part~="widget"]');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Fern care');
  await expect(card).toContainText('Light: Bright, indirect light');
  await expect(widget.locator('[part~="message"][part~="assistant"]').nth(2)).toContainText(
    'Here is the care card.',
  );
});
