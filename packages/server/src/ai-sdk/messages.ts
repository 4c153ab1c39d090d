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
  userMessageText,
  widgetNote,
} from '../bridges/thread-text.js';

/** One content part of a user ModelMessage. */
export type ModelUserPart = Exclude<UserContent, string>[number];

type Hook<T> = ItemHook<T, ModelMessage>;

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
  const image = fetchableImageUrl(attachment);
  if (image) return { type: 'image', image: new URL(image), mediaType: attachment.mime_type };
  return { type: 'text', text: attachmentLine(attachment) };
}

async function userMessage(
  item: UserMessageItem,
  latest: boolean,
  converter: ModelMessageConverter,
) {
  const content: ModelUserPart[] = [{ type: 'text', text: userMessageText(item) }];
  for (const attachment of item.attachments)
    content.push(await (converter.attachment ?? defaultAttachment)(attachment));
  const out: ModelMessage[] = [{ role: 'user', content }];
  if (latest && item.quoted_text) out.push(context(quoteNote(item.quoted_text)));
  const tags = messageTags(item);
  if (tags.length) {
    const lines: string[] = [];
    for (const tag of tags) lines.push(converter.tag ? await converter.tag(tag) : tagLine(tag));
    out.push(context(`${MENTIONS_HEADING}\n${lines.join('\n')}`));
  }
  return out;
}

const hidden = (content: string) => context(hiddenContextNote(content));

/** Converts a thread's items (oldest first) into ModelMessages for streamText / streamObject. */
export async function toModelMessages(
  items: readonly ThreadItem[],
  converter: ModelMessageConverter = {},
): Promise<ModelMessage[]> {
  const latestUser = latestUserMessage(items);
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
          ...list(converter.widget ? await converter.widget(item) : context(widgetNote(item))),
        );
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
        break; // workflows, tasks, images, structured input, end_of_turn: UI only
    }
  }
  return out;
}
