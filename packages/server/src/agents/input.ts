// Stored thread items → Agents SDK input items (the Responses API's input shapes in the
// Agents SDK's camelCase protocol). Each kind of item has a hook a host can replace.
import type {
  Attachment,
  ClientToolCallItem,
  HiddenContextItem,
  SdkHiddenContextItem,
  TaskItem,
  ThreadItem,
  UserMessageItem,
  UserMessageTagContent,
  WidgetItem,
  WorkflowItem,
} from '@chat-widget/protocol';
import type { AgentInputItem, UserMessageItem as AgentUserMessage } from '@openai/agents';
import {
  attachmentLine,
  fetchableImageUrl,
  hiddenContextNote,
  hiddenContextText,
  type Hook as ItemHook,
  latestUserMessage,
  list,
  MENTIONS_HEADING,
  messageTags,
  quoteNote,
  tagLine,
  taskNote as taskText,
  userMessageText,
  widgetNote,
} from '../bridges/thread-text.js';

/** A content part of a user message in the Agents SDK's input. */
export type AgentUserContent = Exclude<AgentUserMessage['content'], string>[number];

type Hook<T> = ItemHook<T, AgentInputItem>;

/**
 * How thread items become model input. Every hook is optional; the defaults:
 * - `attachment`: images by `preview_url` as `input_image` when it is http(s), anything
 *   else as a text line naming the file (a model cannot read a file the server never
 *   uploaded to it: give the host's own hook to send bytes or a file id).
 * - `tag`: a text line `@text: {json of data}` in a context message after the user's.
 * - `hiddenContext` / `sdkHiddenContext`: a user message wrapping the text in
 *   `<hidden_context>`, marked as not shown to the user.
 * - `widget`: a user message describing the widget as JSON.
 * - `workflow` / `task`: custom tasks as "shown to the user" notes; thoughts and searches dropped.
 * Quoted text (the composer's "reply to") goes in a context message after the latest user message.
 */
export interface ThreadItemConverter {
  attachment?: (attachment: Attachment) => AgentUserContent | Promise<AgentUserContent>;
  tag?: (tag: UserMessageTagContent) => AgentUserContent | Promise<AgentUserContent>;
  hiddenContext?: Hook<HiddenContextItem>;
  sdkHiddenContext?: Hook<SdkHiddenContextItem>;
  widget?: Hook<WidgetItem>;
  workflow?: Hook<WorkflowItem>;
  task?: Hook<TaskItem>;
  /** Replaces the whole user-message conversion. `latest` is true for the newest one. */
  userMessage?: (item: UserMessageItem, latest: boolean) => ReturnType<Hook<UserMessageItem>>;
  /** Replaces the client-tool-call conversion (default: function_call + its result). */
  clientToolCall?: Hook<ClientToolCallItem>;
}

const userText = (text: string): AgentInputItem => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});

async function defaultAttachment(attachment: Attachment): Promise<AgentUserContent> {
  const image = fetchableImageUrl(attachment);
  if (image) return { type: 'input_image', image };
  return { type: 'input_text', text: attachmentLine(attachment) };
}

const defaultTag = (tag: UserMessageTagContent): AgentUserContent => ({
  type: 'input_text',
  text: tagLine(tag),
});

const hidden = (content: string): AgentInputItem => userText(hiddenContextNote(content));

const taskNote = (task: { type: string; title?: string; content?: string }) => {
  const text = taskText(task);
  return text === undefined ? undefined : userText(text);
};

async function userMessage(
  item: UserMessageItem,
  latest: boolean,
  converter: ThreadItemConverter,
): Promise<AgentInputItem[]> {
  const content: AgentUserContent[] = [{ type: 'input_text', text: userMessageText(item) }];
  for (const attachment of item.attachments) {
    content.push(await (converter.attachment ?? defaultAttachment)(attachment));
  }
  const out: AgentInputItem[] = [{ type: 'message', role: 'user', content }];
  if (latest && item.quoted_text) out.push(userText(quoteNote(item.quoted_text)));
  const tags = messageTags(item);
  if (tags.length) {
    const resolved: AgentUserContent[] = [];
    for (const tag of tags) resolved.push(await (converter.tag ?? defaultTag)(tag));
    out.push({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: MENTIONS_HEADING }, ...resolved],
    });
  }
  return out;
}

/**
 * Converts a thread's items (oldest first, hidden ones included) into Agents SDK input.
 * Pending client tool calls and end-of-turn markers are left out.
 */
export async function toAgentInput(
  items: readonly ThreadItem[],
  converter: ThreadItemConverter = {},
): Promise<AgentInputItem[]> {
  const latestUser = latestUserMessage(items);
  const out: AgentInputItem[] = [];
  for (const [index, item] of items.entries()) {
    switch (item.type) {
      case 'user_message':
        out.push(
          ...list(
            converter.userMessage
              ? await converter.userMessage(item, index === latestUser)
              : await userMessage(item, index === latestUser, converter),
          ),
        );
        break;
      case 'assistant_message':
        out.push({
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: item.content.map((part) => ({ type: 'output_text', text: part.text })),
        });
        break;
      case 'client_tool_call':
        if (converter.clientToolCall) {
          out.push(...list(await converter.clientToolCall(item)));
        } else if (item.status === 'completed') {
          out.push(
            {
              type: 'function_call',
              callId: item.call_id,
              name: item.name,
              arguments: JSON.stringify(item.arguments),
              status: 'completed',
            },
            {
              type: 'function_call_result',
              callId: item.call_id,
              name: item.name,
              status: 'completed',
              output: JSON.stringify(item.output ?? null),
            },
          );
        }
        break;
      case 'widget':
        out.push(
          ...list(converter.widget ? await converter.widget(item) : userText(widgetNote(item))),
        );
        break;
      case 'workflow':
        out.push(
          ...list(
            converter.workflow
              ? await converter.workflow(item)
              : item.workflow.tasks.flatMap((task) => list(taskNote(task))),
          ),
        );
        break;
      case 'task':
        out.push(...list(converter.task ? await converter.task(item) : taskNote(item.task)));
        break;
      case 'hidden_context_item':
        out.push(
          ...list(
            converter.hiddenContext
              ? await converter.hiddenContext(item)
              : hidden(hiddenContextText(item)),
          ),
        );
        break;
      case 'sdk_hidden_context':
        out.push(
          ...list(
            converter.sdkHiddenContext
              ? await converter.sdkHiddenContext(item)
              : hidden(item.content),
          ),
        );
        break;
      default:
        break; // generated images, structured input, end_of_turn: UI only
    }
  }
  return out;
}
