// A Responder that runs an OpenAI Agents SDK agent on the thread and streams the run as
// ChatKit output: text with citations, reasoning and hosted tools as workflows,
// generated images, client tool calls, and whatever the agent's tools emit through
// the run context (widgets, progress).
import type { IconName, WidgetRoot } from '@chat-widget/protocol';
import {
  type Agent,
  type AgentInputItem,
  InputGuardrailTripwireTriggered,
  OutputGuardrailTripwireTriggered,
  Runner,
  type RunStreamEvent,
  tool,
} from '@openai/agents';
import {
  ChatKitStreamError,
  pickModel,
  type RespondContext,
  type Responder,
  type ResponderOutput,
} from '../chatkit/responder.js';
import { AgentEventMapper, type GeneratedImageData, type ImageUrlMaker } from './events.js';
import { type ThreadItemConverter, toAgentInput } from './input.js';

/**
 * The run context every tool receives as `runContext.context`: the ChatKit turn, the
 * host's own value, and ways to put things in the thread while the agent runs.
 */
export interface ChatKitAgentContext<THost = undefined> {
  /** The turn being answered (user, thread, items, trigger, signal). */
  readonly chatkit: Omit<RespondContext, 'items'>;
  /** What the host's `context` option returned for this turn. */
  readonly host: THost;
  /** Adds a widget item to the thread (after any text streamed so far). */
  widget(widget: WidgetRoot, copyText?: string): void;
  /** Shows a transient status line. */
  progress(text: string, icon?: IconName): void;
  /** Any other responder output (notice, client_effect, task, title…). */
  emit(output: ResponderOutput): void;
}

/** Any agent whose tools take a {@link ChatKitAgentContext}. */
// biome-ignore lint/suspicious/noExplicitAny: the agent's output type is the host's choice
export type ChatKitAgent<THost = undefined> = Agent<ChatKitAgentContext<THost>, any>;

export interface AgentsResponderOptions<THost = undefined> {
  /** The agent to run, or a function choosing one per turn (by user, thread, …). */
  agent:
    | ChatKitAgent<THost>
    | ((context: RespondContext) => ChatKitAgent<THost> | Promise<ChatKitAgent<THost>>);
  /** The runner (model provider, tracing, …); default `new Runner()` (OPENAI_API_KEY / OPENAI_BASE_URL). */
  runner?: Runner;
  /**
   * Names of function tools the browser runs. A call to one ends the turn with a
   * pending `client_tool_call` item; the client's output starts the next turn.
   * Tools made with {@link clientTool} are found without being listed.
   */
  clientTools?: string[];
  /** Per-turn host value, handed to tools as `runContext.context.host`. */
  context?: (context: RespondContext) => THost | Promise<THost>;
  /** Overrides parts of the thread → input conversion. */
  converter?: ThreadItemConverter;
  /** Where generated images live: returns the URL the client loads (default: a data: URL). */
  imageUrl?: ImageUrlMaker;
  /**
   * Models the user may pick in the composer (the ids of the widget's `models`): a
   * message sent with one of them (`inference_options.model`) runs a clone of the agent
   * with that model; any other pick is ignored and the agent's own model answers.
   */
  models?: readonly string[];
  /** Max model turns per run (default 10). */
  maxTurns?: number;
  /** Shown (no retry) when an input or output guardrail trips; the turn's output is taken back. */
  guardrailMessage?: string;
}

/** What a client tool returns on the server: the real output arrives from the browser. */
export const CLIENT_TOOL_PENDING =
  'Sent to the user’s browser; its result arrives in the next turn.';

const clientToolMarks = new WeakSet<object>();

/**
 * A function tool the browser runs (`client_tool_call`). Same options as the Agents
 * SDK's `tool()` minus `execute`.
 */
export function clientTool<T extends Omit<Parameters<typeof tool>[0], 'execute'>>(options: T) {
  const made = tool({ ...options, execute: async () => CLIENT_TOOL_PENDING } as Parameters<
    typeof tool
  >[0]);
  clientToolMarks.add(made);
  return made;
}

/** A data: URL for a generated image (the default {@link ImageUrlMaker}). */
export const dataImageUrl: ImageUrlMaker = (image: GeneratedImageData) =>
  `data:image/${image.format === 'jpeg' ? 'jpeg' : image.format};base64,${image.base64}`;

/** A queue between the run and the turn; tools push into it while the run waits on them. */
class Channel<T> {
  private items: T[] = [];
  private waiting: (() => void) | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;

  push(item: T) {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }
  close(failure?: { error: unknown }) {
    if (this.closed) return;
    this.closed = true;
    this.failure = failure;
    this.wake();
  }
  private wake() {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }
  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.closed) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }
}

const isTripwire = (error: unknown) =>
  error instanceof InputGuardrailTripwireTriggered ||
  error instanceof OutputGuardrailTripwireTriggered;

function friendlyError(error: unknown, guardrailMessage: string): unknown {
  if (isTripwire(error)) {
    return new ChatKitStreamError(guardrailMessage, { cause: error });
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 429) {
    return new ChatKitStreamError('The model is busy (rate limited). Please try again shortly.', {
      allowRetry: true,
      cause: error,
    });
  }
  return error;
}

/**
 * A {@link Responder} that runs an Agents SDK agent with the thread as input and
 * streams its events as ChatKit items. See the package README for the mapping.
 */
export function agentsResponder<THost = undefined>(
  options: AgentsResponderOptions<THost>,
): Responder {
  const runner = options.runner ?? new Runner();
  const guardrailMessage = options.guardrailMessage ?? 'Sorry, I can’t help with that request.';
  return async function* agents(turn): AsyncGenerator<ResponderOutput> {
    const chosen = typeof options.agent === 'function' ? await options.agent(turn) : options.agent;
    const model = pickModel(turn, options.models, '');
    const agent = model ? chosen.clone({ model }) : chosen;
    const clientTools = new Set(options.clientTools ?? []);
    for (const candidate of agent.tools) {
      if (clientToolMarks.has(candidate) && 'name' in candidate) clientTools.add(candidate.name);
    }
    const input: AgentInputItem[] = await toAgentInput(turn.items, options.converter);
    if (turn.trigger === 'custom_action' && turn.action) {
      input.push({
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: `The user clicked a widget action: ${JSON.stringify(turn.action)}`,
          },
        ],
      });
    }
    const mapper = new AgentEventMapper({
      clientTools,
      imageUrl: options.imageUrl ?? dataImageUrl,
    });
    const channel = new Channel<ResponderOutput>();
    const push = (output: ResponderOutput) => {
      mapper.observe(output);
      channel.push(output);
    };
    const { items: _items, ...chatkit } = turn;
    const context: ChatKitAgentContext<THost> = {
      chatkit,
      host: (options.context ? await options.context(turn) : undefined) as THost,
      widget: (widget, copyText) =>
        push(
          copyText === undefined
            ? { type: 'widget', widget }
            : { type: 'widget', widget, copy_text: copyText },
        ),
      progress: (text, icon) =>
        push(icon ? { type: 'progress', text, icon } : { type: 'progress', text }),
      emit: push,
    };
    const stop = new AbortController();
    const signal = AbortSignal.any([turn.signal, stop.signal]);

    const pump = (async () => {
      try {
        const result = await runner.run(agent, input, {
          stream: true,
          context,
          signal,
          maxTurns: options.maxTurns ?? 10,
        });
        for await (const event of result as AsyncIterable<RunStreamEvent>) {
          for (const output of await mapper.map(event)) push(output);
          if (mapper.done) break; // a client tool was called: the browser answers next turn
        }
        if (mapper.done) {
          stop.abort();
        } else {
          await result.completed;
          if (result.error) throw result.error;
        }
        for (const call of mapper.clientCalls.splice(0, 1)) {
          push({
            type: 'client_tool_call',
            name: call.name,
            arguments: call.arguments,
            call_id: call.call_id,
          });
        }
        channel.close();
      } catch (error) {
        if (turn.signal.aborted) return channel.close();
        if (isTripwire(error)) push({ type: 'discard' }); // take back what the user already saw
        channel.close({ error: friendlyError(error, guardrailMessage) });
      }
    })();

    try {
      yield* channel.drain();
    } finally {
      stop.abort(); // stop or a client tool call: cancel the run; the pump settles on its own
      void pump;
    }
  };
}
