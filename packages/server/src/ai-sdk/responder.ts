// A Responder over the AI SDK (`ai`): streamText's full stream (any provider) becomes
// ChatKit output — text, reasoning as a workflow of thoughts, sources as citations,
// generated images, widgets that tools return, and client tool calls; streamObject's
// final object becomes a widget or text the host renders.
import type { Annotation, WidgetRoot } from '@chat-widget/protocol';
import type { LanguageModel, ModelMessage, TextStreamPart, ToolSet } from 'ai';
import {
  ChatKitStreamError,
  pickModel,
  type RespondContext,
  type Responder,
  type ResponderOutput,
} from '../chatkit/responder.js';
import { type ModelMessageConverter, toModelMessages } from './messages.js';

/** A widget a tool returns (see {@link widgetOutput}); the model sees `result`. */
export interface WidgetToolOutput {
  chatkit_widget: WidgetRoot;
  copy_text?: string;
  /** What the model is told the tool did. */
  result?: unknown;
}

/**
 * Return this from a tool's `execute` to show a widget: the bridge adds a widget item
 * when the tool result arrives. The model receives the whole object (widget included).
 */
export function widgetOutput(
  widget: WidgetRoot,
  options: { copyText?: string; result?: unknown } = {},
): WidgetToolOutput {
  return {
    chatkit_widget: widget,
    ...(options.copyText !== undefined ? { copy_text: options.copyText } : {}),
    ...(options.result !== undefined ? { result: options.result } : {}),
  };
}

const isWidgetOutput = (value: unknown): value is WidgetToolOutput =>
  !!value &&
  typeof value === 'object' &&
  'chatkit_widget' in value &&
  !!(value as WidgetToolOutput).chatkit_widget &&
  typeof (value as WidgetToolOutput).chatkit_widget === 'object';

/** A generated file from the model (images only are shown). */
export interface AiSdkFile {
  base64: string;
  mediaType: string;
}

export interface FromAiSdkStreamOptions {
  /** Names of tools the browser runs. Tool calls left without a result are client tools too. */
  clientTools?: readonly string[];
  /** Where generated images live (default: a data: URL). */
  imageUrl?: (file: AiSdkFile, id: string) => string | Promise<string>;
}

type Part = TextStreamPart<ToolSet>;
type SourcePart = Extract<Part, { type: 'source' }>;

const sourceKey = (source: SourcePart) =>
  source.sourceType === 'url' ? `url:${source.url}` : `doc:${source.filename ?? source.title}`;

function toAnnotation(source: SourcePart): Annotation | undefined {
  if (source.sourceType === 'url') {
    if (!/^https?:\/\//i.test(source.url)) return undefined;
    return {
      type: 'annotation',
      source: { type: 'url', url: source.url, title: source.title || source.url },
    };
  }
  const filename = source.filename ?? source.title;
  return {
    type: 'annotation',
    source: { type: 'file', filename, title: source.title || filename },
  };
}

function rateLimited(error: unknown): boolean {
  const status = error as { statusCode?: unknown; status?: unknown } | null | undefined;
  return status?.statusCode === 429 || status?.status === 429;
}

/**
 * Turns an AI SDK `fullStream` into responder outputs. Ends with a `client_tool_call`
 * when the model called a client tool (the first such call; the turn ends there).
 */
export async function* fromAiSdkStream(
  stream: AsyncIterable<Part>,
  options: FromAiSdkStreamOptions = {},
): AsyncGenerator<ResponderOutput> {
  const clientTools = new Set(options.clientTools ?? []);
  const imageUrl =
    options.imageUrl ?? ((file: AiSdkFile) => `data:${file.mediaType};base64,${file.base64}`);
  /** Text length of the open message (annotation index), -1 when none is open. */
  let textLength = -1;
  let workflowOpen = false;
  let taskCount = 0;
  const thoughts = new Map<string, { index: number; content: string }>();
  const calls = new Map<string, { name: string; input: unknown }>();
  const closeWorkflow = () => {
    workflowOpen = false;
    taskCount = 0;
    thoughts.clear();
  };
  let images = 0;
  const cited = new Set<string>();
  let closing = false;
  for await (const part of stream) {
    if (closing && part.type !== 'source') {
      closing = false;
      textLength = -1;
      yield { type: 'message_done' };
    }
    switch (part.type) {
      case 'text-delta':
        if (!part.text) break;
        closeWorkflow();
        textLength = Math.max(textLength, 0) + part.text.length;
        yield { type: 'text', delta: part.text };
        break;
      case 'text-end':
        // Providers that know where a citation sits put it here, before the loose source parts.
        for (const citation of part.citations ?? []) {
          const annotation = toAnnotation(citation.source);
          if (!annotation) continue;
          cited.add(sourceKey(citation.source));
          if (typeof citation.endIndex === 'number') annotation.index = citation.endIndex;
          textLength = Math.max(textLength, 0);
          yield { type: 'annotation', annotation };
        }
        closing = textLength >= 0; // closed by the next part that is not a source
        break;
      case 'reasoning-delta': {
        if (!part.text) break;
        const thought = workflowOpen ? thoughts.get(part.id) : undefined;
        if (!thought) {
          if (textLength >= 0) {
            yield { type: 'message_done' };
            textLength = -1;
          }
          if (!workflowOpen) yield { type: 'workflow', workflow: 'reasoning' };
          workflowOpen = true;
          thoughts.set(part.id, { index: taskCount++, content: part.text });
          yield {
            type: 'task',
            task: { type: 'thought', content: part.text, status_indicator: 'none' },
          };
        } else {
          thought.content += part.text;
          yield {
            type: 'task_update',
            index: thought.index,
            task: { type: 'thought', content: thought.content, status_indicator: 'none' },
          };
        }
        break;
      }
      case 'source': {
        if (cited.has(sourceKey(part))) break; // already placed by a citation
        const annotation = toAnnotation(part);
        if (!annotation) break;
        closeWorkflow();
        // A source right after a text block still belongs to it (the message stays open).
        if (textLength >= 0) annotation.index = textLength;
        else textLength = 0;
        yield { type: 'annotation', annotation };
        break;
      }
      case 'file': {
        if (!part.file.mediaType.startsWith('image/')) break;
        closeWorkflow();
        textLength = -1;
        const id = `image_${++images}`;
        yield { type: 'image', image: { id, url: await imageUrl(part.file, id) } };
        break;
      }
      case 'tool-call':
        if (!part.providerExecuted)
          calls.set(part.toolCallId, { name: part.toolName, input: part.input });
        break;
      case 'tool-result': {
        calls.delete(part.toolCallId);
        if (isWidgetOutput(part.output)) {
          closeWorkflow();
          textLength = -1;
          const { chatkit_widget: widget, copy_text } = part.output;
          yield copy_text === undefined
            ? { type: 'widget', widget }
            : { type: 'widget', widget, copy_text };
        }
        break;
      }
      case 'tool-error':
        calls.delete(part.toolCallId);
        break;
      case 'error':
        if (rateLimited(part.error)) {
          throw new ChatKitStreamError(
            'The model is busy (rate limited). Please try again shortly.',
            {
              allowRetry: true,
              cause: part.error,
            },
          );
        }
        throw part.error instanceof Error
          ? part.error
          : new Error(`AI SDK stream error: ${String(part.error)}`);
      case 'abort':
        return;
      default:
        break;
    }
  }
  // Calls still waiting for a result have no server execute: the browser runs them.
  for (const [callId, call] of calls) {
    if (clientTools.size && !clientTools.has(call.name)) continue;
    const args =
      call.input && typeof call.input === 'object' && !Array.isArray(call.input)
        ? (call.input as Record<string, unknown>)
        : {};
    yield { type: 'client_tool_call', name: call.name, arguments: args, call_id: callId };
    return;
  }
}

/** What a turn's `stream` callback returns: streamText's or streamObject's result. */
export type AiSdkStreamResult =
  | { fullStream: AsyncIterable<Part> }
  | { partialObjectStream: AsyncIterable<unknown>; object: PromiseLike<unknown> };

export interface AiSdkResponderOptions extends FromAiSdkStreamOptions {
  /**
   * Starts the model call: typically
   * `streamText({ model: model ?? yourDefault, messages, tools, abortSignal })`.
   * Pass `abortSignal` on so stop and disconnects cancel the request.
   */
  stream: (turn: {
    messages: ModelMessage[];
    context: RespondContext;
    abortSignal: AbortSignal;
    /**
     * The model the user picked in the composer, from {@link AiSdkResponderOptions.models};
     * undefined when nothing was picked, the pick is not listed, or there is no list.
     */
    model: LanguageModel | undefined;
  }) => AiSdkStreamResult | Promise<AiSdkStreamResult>;
  /**
   * Models the user may pick in the composer, keyed by the ids of the widget's `models`
   * (e.g. `{ 'gpt-4.1': openai('gpt-4.1'), claude: anthropic('claude-sonnet-4-5') }`): a
   * message sent with one of those ids (`inference_options.model`) gets its model as
   * `stream`'s `model`; any other pick is ignored (`model` is undefined), so a user cannot
   * switch the site to a model it does not offer.
   */
  models?: Readonly<Record<string, LanguageModel>>;
  /** Overrides parts of the thread → ModelMessage conversion. */
  converter?: ModelMessageConverter;
  /**
   * For streamObject results: turns the final object into what the user sees (a widget
   * or markdown). Default: the object as a JSON code block.
   */
  render?: (object: unknown) => WidgetRoot | string | Promise<WidgetRoot | string>;
  /** Progress text while streamObject works (default "Working…"). */
  objectProgress?: string;
}

/** A {@link Responder} over the AI SDK. See the package README for the mapping. */
export function aiSdkResponder(options: AiSdkResponderOptions): Responder {
  return async function* aiSdk(turn): AsyncGenerator<ResponderOutput> {
    const messages = await toModelMessages(turn.items, options.converter);
    if (turn.trigger === 'custom_action' && turn.action) {
      messages.push({
        role: 'user',
        content: `The user clicked a widget action: ${JSON.stringify(turn.action)}`,
      });
    }
    const models = options.models ?? {};
    const picked = pickModel(turn, Object.keys(models), '');
    const result = await options.stream({
      messages,
      context: turn,
      abortSignal: turn.signal,
      model: picked ? models[picked] : undefined,
    });
    if (!('partialObjectStream' in result)) {
      yield* fromAiSdkStream(result.fullStream, options);
      return;
    }
    yield { type: 'progress', icon: 'sparkle', text: options.objectProgress ?? 'Working…' };
    for await (const _partial of result.partialObjectStream) {
      if (turn.signal.aborted) return;
    }
    const object = await result.object;
    const shown = options.render
      ? await options.render(object)
      : `\`\`\`json\n${JSON.stringify(object, null, 2)}\n\`\`\``;
    yield typeof shown === 'string'
      ? { type: 'text', delta: shown }
      : { type: 'widget', widget: shown };
  };
}
