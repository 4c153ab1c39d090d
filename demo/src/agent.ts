// CHAT_RESPONDER=agents: a small OpenAI Agents SDK agent behind the ChatKit endpoint.
// It has hosted web search (sources), a client tool the page answers (get_page_info)
// and a tool that shows a widget (show_plant_card). Reasoning models stream their
// reasoning summaries as a workflow.
import type { WidgetRoot } from '@chat-widget/protocol';
import { agentsResponder, type ChatKitAgentContext, clientTool } from '@chat-widget/server/agents';
import type { Responder } from '@chat-widget/server/chatkit';
import {
  Agent,
  OpenAIProvider,
  type RunContext,
  Runner,
  tool,
  webSearchTool,
} from '@openai/agents';
import { z } from 'zod';
import type { DemoConfig } from './config.js';

/** Care notes the widget tool knows (anything else gets a generic card). */
const PLANTS: Record<string, { light: string; water: string }> = {
  fern: { light: 'Bright, indirect light', water: 'Keep the soil moist; mist twice a week' },
  cactus: { light: 'Full sun', water: 'Every 2–3 weeks; let the soil dry out' },
  monstera: { light: 'Medium to bright, indirect', water: 'When the top 5 cm are dry' },
};

/** The care card the widget tool shows. */
export function plantCard(plant: string): WidgetRoot {
  const care = PLANTS[plant.toLowerCase()] ?? {
    light: 'Bright, indirect light',
    water: 'When the top soil is dry',
  };
  return {
    type: 'Card',
    children: [
      { type: 'Title', value: `${plant[0]?.toUpperCase() ?? ''}${plant.slice(1)} care` },
      { type: 'Text', value: `Light: ${care.light}` },
      { type: 'Text', value: `Water: ${care.water}` },
    ],
  };
}

const getPageInfo = clientTool({
  name: 'get_page_info',
  description: 'Reads the title and address of the web page the user has open.',
  parameters: z.object({}),
});

const showPlantCard = tool({
  name: 'show_plant_card',
  description: 'Shows the user a care card for a plant (light and watering).',
  parameters: z.object({ plant: z.string().describe('The plant, e.g. "fern"') }),
  execute: async ({ plant }, runContext?: RunContext<ChatKitAgentContext>) => {
    runContext?.context.widget(plantCard(plant), `${plant} care card`);
    return `A care card for ${plant} is now on the user's screen; do not repeat its contents.`;
  },
});

const isReasoningModel = (model: string) => /^(o\d|gpt-5)/.test(model);

export function agentResponder(openai: NonNullable<DemoConfig['openai']>): Responder {
  const agent = new Agent<ChatKitAgentContext>({
    name: 'Fernleaf assistant',
    instructions:
      'You are the Fernleaf Garden Supply assistant. Be brief. Use show_plant_card when the user asks how to care for a plant, get_page_info when they ask about the page they are on, and web search for current facts (cite your sources).',
    model: openai.model,
    tools: [getPageInfo, showPlantCard, webSearchTool()],
    ...(isReasoningModel(openai.model)
      ? { modelSettings: { reasoning: { effort: 'low', summary: 'auto' } } }
      : {}),
  });
  const runner = new Runner({
    modelProvider: new OpenAIProvider({
      // A local server may take no key; the client still wants a value.
      apiKey: openai.apiKey ?? 'not-needed',
      baseURL: openai.baseURL,
    }),
    tracingDisabled: true,
  });
  return agentsResponder({ agent, runner });
}
