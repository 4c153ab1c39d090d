// Demo keywords that show every item type the widget renders (see DEMO_ITEM_TRIGGERS):
// a reply with sources, a reasoning workflow, a client tool the browser answers,
// a client effect with notices, questions (structured input) and a generated image.
import type { RespondContext, ResponderOutput } from './responder.js';

export const DEMO_ITEM_TRIGGERS = {
  /** A short answer citing three sources (a URL, a file, an entity). */
  sources: '[[sources]]',
  /** A reasoning workflow (two thoughts), collapsed with its duration, then the answer. */
  reasoning: '[[reasoning]]',
  /** A client tool call `get_device_time` (the widget's `onClientTool` answers it). */
  time: '[[time]]',
  /** A `client_effect` named `confetti`, an info notice, then a short answer. */
  effect: '[[effect]]',
  /** Two questions (structured input); the answers come back in the next reply. */
  question: '[[question]]',
  /** A generated image (an SVG served by the demo, or any https URL). */
  image: '[[image]]',
} as const;

/** Plain-language prompts that do the same (what a newcomer would type). */
const PHRASES: [RegExp, keyof typeof DEMO_ITEM_TRIGGERS][] = [
  [/\bwhat time is it on my device\b/i, 'time'],
];

/** Which demo item a message asks for, if any. */
export function demoItemKind(text: string): keyof typeof DEMO_ITEM_TRIGGERS | null {
  for (const [kind, trigger] of Object.entries(DEMO_ITEM_TRIGGERS)) {
    if (text.includes(trigger)) return kind as keyof typeof DEMO_ITEM_TRIGGERS;
  }
  for (const [pattern, kind] of PHRASES) if (pattern.test(text)) return kind;
  return null;
}

export interface DemoItemOptions {
  /** URL of the generated image (default: a data-free https placeholder host). */
  imageUrl?: string;
}

/** The outputs for one demo item kind. */
export async function* demoItems(
  kind: keyof typeof DEMO_ITEM_TRIGGERS,
  options: DemoItemOptions = {},
): AsyncGenerator<ResponderOutput> {
  switch (kind) {
    case 'sources': {
      const text = 'The widget renders ChatKit items [1], keeps tokens in memory [2] and more [3].';
      yield text;
      const at = (marker: string) => text.indexOf(marker) + marker.length;
      yield {
        type: 'annotation',
        annotation: {
          type: 'annotation',
          index: at('[1]'),
          source: {
            type: 'url',
            title: 'ChatKit protocol',
            url: 'https://openai.github.io/chatkit-js/',
          },
        },
      };
      yield {
        type: 'annotation',
        annotation: {
          type: 'annotation',
          index: at('[2]'),
          source: { type: 'file', title: 'Token anchors', filename: 'token-anchors.md' },
        },
      };
      yield {
        type: 'annotation',
        annotation: {
          type: 'annotation',
          index: at('[3]'),
          source: { type: 'url', title: 'Better Auth', url: 'https://www.better-auth.com/' },
        },
      };
      return;
    }
    case 'reasoning':
      yield {
        type: 'task',
        task: { type: 'thought', title: 'Reading the question', content: 'What is asked?' },
      };
      yield {
        type: 'task',
        task: { type: 'thought', title: 'Planning', content: 'Answer briefly, then offer more.' },
      };
      yield { type: 'workflow_done' };
      yield 'Here is my answer after thinking it through.';
      return;
    case 'time':
      yield { type: 'client_tool_call', name: 'get_device_time', arguments: {} };
      return;
    case 'effect':
      yield { type: 'client_effect', name: 'confetti', data: { particles: 50 } };
      yield { type: 'notice', level: 'info', title: 'Demo', message: 'An effect was sent.' };
      yield 'Did you see the confetti?';
      return;
    case 'question':
      yield 'A couple of questions first:';
      yield { type: 'message_done' };
      yield {
        type: 'item',
        item: {
          type: 'structured_input',
          status: 'pending',
          inputs: [
            {
              type: 'multiple_choice',
              id: 'size',
              question: 'Which size?',
              options: [{ value: 'Small' }, { value: 'Large' }],
            },
            { type: 'freeform', id: 'name', question: 'Name for the order?' },
          ],
        },
      };
      return;
    case 'image':
      yield {
        type: 'item',
        item: {
          type: 'generated_image',
          image: { id: 'demo-image', url: options.imageUrl ?? 'https://example.com/demo.png' },
        },
      };
      yield 'Here is your image.';
      return;
  }
}

/** The reply to answered (or skipped) questions: what was chosen. */
export function answersReply(context: RespondContext): string | null {
  const asked = context.items.findLast((item) => item.type === 'structured_input');
  if (asked?.type !== 'structured_input' || asked.status === 'pending') return null;
  if (asked.status === 'skipped') return 'You skipped the questions.';
  const lines = asked.inputs.map(
    (input) =>
      `- ${input.question} ${
        input.answer && !input.answer.skipped ? input.answer.values.join(', ') : '(skipped)'
      }`,
  );
  return `Thanks! Your answers:\n\n${lines.join('\n')}`;
}
