// A deterministic, offline responder for demos and tests: it streams a small
// markdown answer (heading, list, code block, link) that echoes the user.

import { answersReply, demoItemKind, demoItems } from './demo-items.js';
import { demoWidgetAction, demoWidgetReply } from './demo-widgets.js';
import { ChatKitStreamError, type Responder, type ResponderOutput, userText } from './responder.js';

export interface DemoResponderOptions {
  /** Pause between streamed chunks, in ms (default 20; 0 = as fast as possible). */
  delayMs?: number;
  /** URL of the `[[image]]` demo's generated image. */
  imageUrl?: string;
}

/** Test triggers understood by {@link demoResponder} (put them in the user's text). */
export const DEMO_TRIGGERS = {
  /** Throws after a few chunks: the client sees an `error` event (allow_retry true). */
  error: '[[error]]',
  /** Streams 10× slower (for stop-button and disconnect tests). */
  slow: '[[slow]]',
  /**
   * A ten-second reply for resume tests: `Long reply: 1 2 … 100 (end)` in 102 deltas,
   * one every 100 ms whatever `delayMs` is.
   */
  long: '[[long]]',
  /** Ends the turn with a pending client tool call `get_page_info`. */
  tool: '[[tool]]',
  /** Adds a Card widget after the text. */
  widget: '[[widget]]',
  /** Throws a ChatKitStreamError: `error` event with code "custom", message, no retry. */
  custom: '[[custom-error]]',
} as const;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Splits text into word-sized chunks, whitespace kept, so the stream looks typed. */
function chunks(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function answerFor(text: string): string {
  const quote = text.replace(/\[\[[a-z-]+\]\]/g, '').trim() || '(nothing)';
  const words = quote.split(/\s+/).filter(Boolean);
  const list = words.slice(0, 5).map((word, i) => `${i + 1}. \`${word.replace(/`/g, "'")}\``);
  if (words.length > 5) list.push(`6. …and ${words.length - 5} more`);
  return [
    '## You said',
    `> ${quote.replace(/\n/g, '\n> ')}`,
    `That is **${words.length} word${words.length === 1 ? '' : 's'}**:`,
    list.join('\n'),
    `\`\`\`ts\nconst echo = ${JSON.stringify(quote)};\nconsole.log(echo.length); // ${quote.length}\n\`\`\``,
    'This answer comes from the offline demo responder; the wire format is described in the [ChatKit docs](https://openai.github.io/chatkit-js/).',
  ].join('\n\n');
}

/** The `[[long]]` reply: deterministic, so a cut or resumed run can be compared with a whole one. */
async function* longReply(signal: AbortSignal): AsyncGenerator<ResponderOutput> {
  yield 'Long reply:';
  for (let i = 1; i <= 100; i++) {
    await sleep(100, signal);
    if (signal.aborted) return;
    yield ` ${i}`;
  }
  await sleep(100, signal);
  if (!signal.aborted) yield ' (end)';
}

/**
 * Streams a markdown echo of the user's message. Triggers (see {@link DEMO_TRIGGERS}):
 * `[[error]]` throws mid-stream, `[[custom-error]]` throws a user-visible error,
 * `[[slow]]` streams 10× slower, `[[long]]` streams a ten-second counting reply, `[[tool]]` asks the client to run `get_page_info`,
 * `[[widget]]` appends a Card widget. "Show my order" and "book a table" answer with the
 * demo widgets of demo-widgets.ts (pair with `syncAction: demoSyncAction`).
 */
export function demoResponder(options: DemoResponderOptions = {}): Responder {
  const baseDelay = options.delayMs ?? 20;
  return async function* demo(context): AsyncGenerator<ResponderOutput> {
    const { signal } = context;
    if (context.trigger === 'client_tool_output') {
      yield `The tool \`${context.toolCall?.name ?? 'tool'}\` returned:\n\n\`\`\`json\n${JSON.stringify(context.toolCall?.output ?? null, null, 2)}\n\`\`\``;
      return;
    }
    if (context.trigger === 'custom_action') {
      const answer = demoWidgetAction(context);
      if (answer) return yield* answer;
      yield `You triggered the action \`${context.action?.type ?? 'unknown'}\`.`;
      return;
    }
    if (context.trigger === 'message' && !context.userMessage) {
      // Answers to a structured input (threads.add_structured_input).
      yield answersReply(context) ?? 'Thanks.';
      return;
    }
    const text = userText(context.userMessage);
    const item = demoItemKind(text);
    if (item) {
      yield* demoItems(item, options.imageUrl ? { imageUrl: options.imageUrl } : {});
      return;
    }
    if (text.includes(DEMO_TRIGGERS.long)) return yield* longReply(signal);
    const delay = text.includes(DEMO_TRIGGERS.slow) ? baseDelay * 10 || 200 : baseDelay;
    const widgetReply = demoWidgetReply(text);
    if (widgetReply) return yield* widgetReply;
    yield { type: 'progress', icon: 'sparkle', text: 'Thinking…' };
    await sleep(delay, signal);
    let count = 0;
    for (const piece of chunks(answerFor(text))) {
      if (signal.aborted) return;
      yield piece;
      count++;
      if (count === 6 && text.includes(DEMO_TRIGGERS.error)) {
        throw new Error('Demo responder failure ([[error]] trigger)');
      }
      if (count === 6 && text.includes(DEMO_TRIGGERS.custom)) {
        throw new ChatKitStreamError('The demo responder refused this message.');
      }
      await sleep(delay, signal);
    }
    if (text.includes(DEMO_TRIGGERS.widget)) {
      yield {
        type: 'widget',
        copy_text: 'Demo card',
        widget: {
          type: 'Card',
          children: [
            { type: 'Title', value: 'Demo card' },
            { type: 'Text', value: `You wrote ${text.length} characters.` },
          ],
        },
      };
    }
    if (text.includes(DEMO_TRIGGERS.tool)) {
      yield {
        type: 'client_tool_call',
        name: 'get_page_info',
        arguments: { fields: ['title', 'url'] },
      };
    }
  };
}
