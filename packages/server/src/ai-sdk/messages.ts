// Stored thread items → AI SDK ModelMessages (user, assistant, tool). Each kind
// of item has a hook a host can replace, as in the Agents SDK bridge.
import type {
  Attachment,
  ClientToolCallItem,
  HiddenContextItem,
  SdkHiddenContextItem,
  ThreadItem,
  UserMessageItem,
  UserMessageTagContent,
  WidgetItem,
} from '@chat-widget/protocol';
import type { ModelMessage, UserContent } from 'ai';

/** One content part of a user ModelMessage. */
export type ModelUserPart = Exclude<UserContent, string>[number];

type Hook<T> = (
  item: T,
) =>
  | ModelMessage
  | ModelMessage[]
  | null
  | undefined
  | Promise<ModelMessage | ModelMessage[] | null | undefined>;

/**
 * How thread items become ModelMessages. Defaults: http(s) image attachments as image
 * parts, other attachments as a text line naming them; tags as `@text: {data}` lines in a
 * context message after the user's; hidden context as context messages; widgets described
 * as JSON in a context message (context messages are user-role text: AI SDK 7 keeps system
 * prompts to `instructions`); completed client tool calls as a tool call plus its
 * result; the latest message's quoted text as a context message after it.
 */
export interface ModelMessageConverter {
  attachment?: (attachment: Attachment) => ModelUserPart | Promise<ModelUserPart>;
  tag?: (tag: UserMessageTagContent) => string | Promise<string>;
  hiddenContext?: Hook<HiddenContextItem>;
  sdkHiddenContext?: Hook<SdkHiddenContextItem>;
  widget?: Hook<WidgetItem>;
  userMessage?: (item: UserMessageItem, latest: boolean) => ReturnType<Hook<UserMessageItem>>;
  clientToolCall?: Hook<ClientToolCallItem>;
}

/** Context the model should see: a user message (AI SDK 7 refuses system messages in `messages`). */
const context = (content: string): ModelMessage => ({ role: 'user', content });

async function defaultAttachment(attachment: Attachment): Promise<ModelUserPart> {
  if (attachment.type === 'image' && /^https?:\/\//i.test(attachment.preview_url ?? '')) {
    return {
      type: 'image',
      image: new URL(attachment.preview_url as string),
      mediaType: attachment.mime_type,
    };
  }
  return {
    type: 'text',
    text: `[attached ${attachment.type}: ${attachment.name} (${attachment.mime_type})]`,
  };
}

async function userMessage(
  item: UserMessageItem,
  latest: boolean,
  converter: ModelMessageConverter,
) {
  const text = item.content
    .map((part) => (part.type === 'input_tag' ? `@${part.text}` : part.text))
    .join('');
  const content: ModelUserPart[] = [{ type: 'text', text }];
  for (const attachment of item.attachments)
    content.push(await (converter.attachment ?? defaultAttachment)(attachment));
  const out: ModelMessage[] = [{ role: 'user', content }];
  if (latest && item.quoted_text)
    out.push(
      context(`The user is replying to this passage:\n<quote>\n${item.quoted_text}\n</quote>`),
    );
  const tags: UserMessageTagContent[] = [];
  for (const part of item.content) {
    if (part.type === 'input_tag' && !tags.some((tag) => tag.id === part.id)) tags.push(part);
  }
  if (tags.length) {
    const lines: string[] = [];
    for (const tag of tags) {
      lines.push(
        converter.tag
          ? await converter.tag(tag)
          : `@${tag.text}: ${JSON.stringify(tag.data ?? {})}`,
      );
    }
    out.push(
      context(
        `What the @-mentions in the user's message refer to (name them without the @):\n${lines.join('\n')}`,
      ),
    );
  }
  return out;
}

const list = (value: ModelMessage | ModelMessage[] | null | undefined): ModelMessage[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

const hidden = (content: string) =>
  context(`Context, not shown to the user:\n<hidden_context>\n${content}\n</hidden_context>`);

/** Converts a thread's items (oldest first) into ModelMessages for streamText / streamObject. */
export async function toModelMessages(
  items: readonly ThreadItem[],
  converter: ModelMessageConverter = {},
): Promise<ModelMessage[]> {
  let latestUser = -1;
  items.forEach((item, index) => {
    if (item.type === 'user_message') latestUser = index;
  });
  const out: ModelMessage[] = [];
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
        out.push({ role: 'assistant', content: item.content.map((part) => part.text).join('') });
        break;
      case 'client_tool_call':
        if (converter.clientToolCall) out.push(...list(await converter.clientToolCall(item)));
        else if (item.status === 'completed') {
          out.push(
            {
              role: 'assistant',
              content: [
                {
                  type: 'tool-call',
                  toolCallId: item.call_id,
                  toolName: item.name,
                  input: item.arguments,
                },
              ],
            },
            {
              role: 'tool',
              content: [
                {
                  type: 'tool-result',
                  toolCallId: item.call_id,
                  toolName: item.name,
                  output: { type: 'json', value: (item.output ?? null) as never },
                },
              ],
            },
          );
        }
        break;
      case 'widget':
        out.push(
          ...list(
            converter.widget
              ? await converter.widget(item)
              : context(
                  `The user was shown this widget (id ${item.id}): ${JSON.stringify(item.widget)}`,
                ),
          ),
        );
        break;
      case 'hidden_context_item':
        out.push(
          ...list(
            converter.hiddenContext
              ? await converter.hiddenContext(item)
              : hidden(
                  typeof item.content === 'string' ? item.content : JSON.stringify(item.content),
                ),
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
        break; // workflows, tasks, images, structured input, end_of_turn: UI only
    }
  }
  return out;
}
