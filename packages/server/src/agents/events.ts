// Agents SDK stream events → responder outputs. The Responses API's raw events (which
// the SDK passes through as `{type: 'model', event}`) carry everything ChatKit shows:
// text and its citations, reasoning summaries, hosted tool calls. Other models only
// give the SDK's normalized text deltas, which are used then.
import type {
  Annotation,
  FileSource,
  FileTask,
  GeneratedImage,
  ThoughtTask,
  UrlSource,
  WebSearchTask,
} from '@chat-widget/protocol';
import type { RunStreamEvent } from '@openai/agents';
import type { ResponderOutput } from '../chatkit/responder.js';

/** A generated image as the model produced it (base64), to be turned into a URL. */
export interface GeneratedImageData {
  /** The image_generation_call id (same for the partials and the final image). */
  id: string;
  base64: string;
  /** `png`, `jpeg` or `webp`. */
  format: string;
  /** 0-based index of a partial image; undefined for the final one. */
  partialIndex?: number;
}

/** Makes the URL the client loads a generated image from. */
export type ImageUrlMaker = (image: GeneratedImageData) => string | Promise<string>;

/** A call of a function tool the host marked as a client tool. */
export interface PendingClientCall {
  name: string;
  arguments: Record<string, unknown>;
  call_id: string;
}

type Raw = Record<string, unknown> & { type?: unknown };
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): Raw | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;

/** A Responses API annotation → a ChatKit annotation (undefined for kinds ChatKit cannot show). */
export function toChatKitAnnotation(raw: unknown): Annotation | undefined {
  const annotation = obj(raw);
  if (!annotation) return undefined;
  const index = (key: string) =>
    typeof annotation[key] === 'number' ? (annotation[key] as number) : undefined;
  switch (annotation.type) {
    case 'url_citation': {
      const url = str(annotation.url);
      if (!url || !/^https?:\/\//i.test(url)) return undefined;
      const source: UrlSource = { type: 'url', url, title: str(annotation.title) || url };
      return withIndex({ type: 'annotation', source }, index('end_index'));
    }
    case 'file_citation':
    case 'container_file_citation': {
      const filename = str(annotation.filename);
      if (!filename) return undefined;
      const source: FileSource = { type: 'file', filename, title: filename };
      return withIndex(
        { type: 'annotation', source },
        annotation.type === 'file_citation' ? index('index') : index('end_index'),
      );
    }
    default:
      return undefined;
  }
}

const withIndex = (annotation: Annotation, index: number | undefined): Annotation =>
  index === undefined ? annotation : { ...annotation, index };

function parseArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return obj(value) ?? { value };
  } catch {
    return { raw };
  }
}

/** Output types after which run.ts has closed the open workflow. */
const CLOSES_WORKFLOW = new Set([
  'text',
  'widget',
  'image_progress',
  'image',
  'client_tool_call',
  'workflow_done',
  'discard',
]);

/**
 * Turns one run's stream events into responder outputs. Stateful: create one per run.
 * Call {@link observe} with every output in the order it reaches the turn (including
 * ones tools emitted), so task indexes follow the workflow that run.ts has open.
 */
export class AgentEventMapper {
  readonly clientCalls: PendingClientCall[] = [];
  /** Set once a response asked for a client tool and finished: the turn should end. */
  done = false;
  private readonly clientTools: ReadonlySet<string>;
  private readonly imageUrl: ImageUrlMaker;
  private responses = false;
  private workflowOpen = false;
  private taskCount = 0;
  private readonly tasks = new Map<string, number>();
  private readonly thoughts = new Map<string, { index: number; task: ThoughtTask }>();
  private readonly imageProgress = new Map<string, number>();

  constructor(options: { clientTools: ReadonlySet<string>; imageUrl: ImageUrlMaker }) {
    this.clientTools = options.clientTools;
    this.imageUrl = options.imageUrl;
  }

  /** Tracks the workflow state run.ts will be in after `output`. */
  observe(output: ResponderOutput): void {
    const type = typeof output === 'string' ? 'text' : output.type;
    if (type === 'annotation' || CLOSES_WORKFLOW.has(type)) {
      if (type === 'annotation' && !this.workflowOpen) return;
      this.workflowOpen = false;
      this.taskCount = 0;
      this.tasks.clear();
      this.thoughts.clear();
    } else if (type === 'workflow') {
      this.workflowOpen = true;
      this.taskCount = 0;
    } else if (type === 'task') {
      if (!this.workflowOpen) this.taskCount = 0;
      this.workflowOpen = true;
      this.taskCount++;
    }
  }

  /** The outputs for one stream event (possibly none). */
  async map(event: RunStreamEvent): Promise<ResponderOutput[]> {
    if (event.type !== 'raw_model_stream_event') return [];
    const data = event.data as Raw;
    if (data.type === 'output_text_delta') {
      // The SDK's normalized delta: used only for models that do not speak the Responses API.
      const delta = str(data.delta);
      return !this.responses && delta ? [{ type: 'text', delta }] : [];
    }
    if (data.type === 'response_done' && !this.responses) {
      if (this.clientCalls.length) this.done = true;
      return [{ type: 'message_done' }];
    }
    if (data.type !== 'model') return [];
    const raw = obj(data.event);
    if (!raw || typeof raw.type !== 'string') return [];
    if (raw.type === 'response.created') this.responses = true;
    if (!this.responses) return [];
    return this.mapResponses(raw);
  }

  private async mapResponses(event: Raw): Promise<ResponderOutput[]> {
    switch (event.type) {
      case 'response.output_text.delta': {
        const delta = str(event.delta);
        return delta ? [{ type: 'text', delta }] : [];
      }
      case 'response.refusal.delta': {
        const delta = str(event.delta);
        return delta ? [{ type: 'text', delta }] : [];
      }
      case 'response.output_text.annotation.added': {
        const annotation = toChatKitAnnotation(event.annotation);
        return annotation ? [{ type: 'annotation', annotation }] : [];
      }
      case 'response.output_item.added':
        return this.itemAdded(obj(event.item));
      case 'response.output_item.done':
        return this.itemDone(obj(event.item));
      case 'response.reasoning_summary_text.delta':
        return this.thought(event, str(event.delta) ?? '', false);
      case 'response.reasoning_summary_text.done':
        return this.thought(event, str(event.text) ?? '', true);
      case 'response.image_generation_call.partial_image': {
        const id = str(event.item_id);
        const base64 = str(event.partial_image_b64);
        if (!id || !base64) return [];
        const partialIndex =
          typeof event.partial_image_index === 'number' ? event.partial_image_index : 0;
        const seen = (this.imageProgress.get(id) ?? 0) + 1;
        this.imageProgress.set(id, seen);
        const image: GeneratedImage = {
          id,
          url: await this.imageUrl({
            id,
            base64,
            format: str(event.output_format) ?? 'png',
            partialIndex,
          }),
        };
        // 0, 1/2, 2/3…: grows towards 1 without reaching it; the final image completes it.
        return [{ type: 'image_progress', image, progress: 1 - 1 / seen }];
      }
      case 'response.completed':
      case 'response.incomplete':
        if (this.clientCalls.length) this.done = true;
        return [];
      default:
        return [];
    }
  }

  private itemAdded(item: Raw | undefined): ResponderOutput[] {
    const id = str(item?.id);
    if (!item || !id) return [];
    switch (item.type) {
      case 'reasoning':
        return this.workflowOpen ? [] : [{ type: 'workflow', workflow: 'reasoning' }];
      case 'web_search_call': {
        const query = str(obj(item.action)?.query);
        this.tasks.set(id, this.nextTaskIndex());
        return [
          {
            type: 'task',
            workflow: 'custom',
            task: webSearchTask(query ? [query] : [], [], 'loading'),
          },
        ];
      }
      case 'file_search_call':
        this.tasks.set(id, this.nextTaskIndex());
        return [{ type: 'task', workflow: 'custom', task: fileTask([], 'loading') }];
      case 'image_generation_call':
        return [{ type: 'progress', icon: 'images', text: 'Generating an image…' }];
      default:
        return [];
    }
  }

  private async itemDone(item: Raw | undefined): Promise<ResponderOutput[]> {
    const id = str(item?.id);
    if (!item || !id) return [];
    switch (item.type) {
      case 'message':
        return [{ type: 'message_done' }];
      case 'function_call': {
        const name = str(item.name);
        if (!name || !this.clientTools.has(name)) return [];
        this.clientCalls.push({
          name,
          arguments: parseArguments(item.arguments),
          call_id: str(item.call_id) ?? id,
        });
        return [];
      }
      case 'web_search_call': {
        const action = obj(item.action);
        const queries = Array.isArray(action?.queries)
          ? action.queries.filter((q): q is string => typeof q === 'string')
          : str(action?.query)
            ? [str(action?.query) as string]
            : [];
        const sources: UrlSource[] = (Array.isArray(action?.sources) ? action.sources : [])
          .map((source) => str(obj(source)?.url))
          .filter((url): url is string => !!url && /^https?:\/\//i.test(url))
          .map((url) => ({ type: 'url', url, title: hostOf(url) }));
        return this.updateTask(id, webSearchTask(queries, sources, 'complete'));
      }
      case 'file_search_call': {
        const results = Array.isArray(item.results) ? item.results : [];
        const names = [
          ...new Set(results.map((result) => str(obj(result)?.filename)).filter(Boolean)),
        ] as string[];
        const sources: FileSource[] = names.map((filename) => ({
          type: 'file',
          filename,
          title: filename,
        }));
        const queries = Array.isArray(item.queries)
          ? item.queries.filter((q): q is string => typeof q === 'string')
          : [];
        return this.updateTask(id, fileTask(sources, 'complete', queries));
      }
      case 'image_generation_call': {
        const base64 = str(item.result);
        if (!base64) return [];
        const url = await this.imageUrl({ id, base64, format: str(item.output_format) ?? 'png' });
        return [{ type: 'image', image: { id, url } }];
      }
      default:
        return [];
    }
  }

  private nextTaskIndex(): number {
    return this.workflowOpen ? this.taskCount : 0;
  }

  private updateTask(id: string, task: WebSearchTask | FileTask): ResponderOutput[] {
    const index = this.tasks.get(id);
    if (index === undefined || !this.workflowOpen)
      return [{ type: 'task', workflow: 'custom', task }];
    return [{ type: 'task_update', task, index }];
  }

  private thought(event: Raw, text: string, final: boolean): ResponderOutput[] {
    const key = `${str(event.item_id)}:${String(event.summary_index)}`;
    const streaming = this.workflowOpen ? this.thoughts.get(key) : undefined;
    if (!streaming) {
      if (!text) return [];
      const task: ThoughtTask = { type: 'thought', content: text, status_indicator: 'none' };
      const out: ResponderOutput[] = this.workflowOpen
        ? []
        : [{ type: 'workflow', workflow: 'reasoning' }];
      this.thoughts.set(key, { index: this.workflowOpen ? this.taskCount : 0, task });
      out.push({ type: 'task', task: { ...task } });
      return out;
    }
    const content = final ? text : streaming.task.content + text;
    if (content === streaming.task.content) return [];
    streaming.task.content = content;
    return [{ type: 'task_update', index: streaming.index, task: { ...streaming.task } }];
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function webSearchTask(
  queries: string[],
  sources: UrlSource[],
  status: 'loading' | 'complete',
): WebSearchTask {
  return {
    type: 'web_search',
    status_indicator: status,
    title: status === 'loading' ? 'Searching the web' : 'Searched the web',
    ...(queries[0] ? { title_query: queries[0] } : {}),
    queries,
    sources,
  };
}

function fileTask(
  sources: FileSource[],
  status: 'loading' | 'complete',
  queries: string[] = [],
): FileTask {
  const title =
    status === 'loading'
      ? 'Searching files'
      : sources.length
        ? `Read ${sources.length} file${sources.length === 1 ? '' : 's'}`
        : queries.length
          ? `Searched files for “${queries[0]}”`
          : 'Searched files';
  return { type: 'file', status_indicator: status, title, sources };
}
