// What a model reads for the thread items it cannot take as they are: the words and the
// rules, once. The Agents SDK bridge (agents/input.ts) and the AI SDK bridge
// (ai-sdk/messages.ts) only shape these texts into their SDK's input items.
import type {
  Attachment,
  HiddenContextItem,
  ThreadItem,
  UserMessageItem,
  UserMessageTagContent,
  WidgetItem,
} from '@chat-widget/protocol';

/** A host's replacement for the default conversion of one kind of item, `Out` being the SDK's input item. */
export type Hook<T, Out> = (
  item: T,
) => Out | Out[] | null | undefined | Promise<Out | Out[] | null | undefined>;

/** A hook's answer as a list (`null`/`undefined`: nothing). */
export const list = <Out>(value: Out | Out[] | null | undefined): Out[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

/** Index of the newest user message, -1 without one: only its quoted text goes to the model. */
export const latestUserMessage = (items: readonly ThreadItem[]): number =>
  items.findLastIndex((item) => item.type === 'user_message');

/** A user message's text, each tag written as `@name`. */
export const userMessageText = (item: UserMessageItem): string =>
  item.content.map((part) => (part.type === 'input_tag' ? `@${part.text}` : part.text)).join('');

/** The tags of a user message, each once (by id), in order. */
export function messageTags(item: UserMessageItem): UserMessageTagContent[] {
  const tags: UserMessageTagContent[] = [];
  for (const part of item.content) {
    if (part.type === 'input_tag' && !tags.some((tag) => tag.id === part.id)) tags.push(part);
  }
  return tags;
}

/** Heads the context message that resolves a message's @-mentions. */
export const MENTIONS_HEADING =
  'What the @-mentions in the message refer to (name them without the @):';

/** One resolved @-mention: `@name: {data as JSON}`. */
export const tagLine = (tag: UserMessageTagContent): string =>
  `@${tag.text}: ${JSON.stringify(tag.data ?? {})}`;

/** The passage the latest message replies to (the composer's quote). */
export const quoteNote = (quoted: string): string =>
  `The user is replying to this passage:\n<quote>\n${quoted}\n</quote>`;

/** Context the model sees and the user does not. */
export const hiddenContextNote = (content: string): string =>
  `Context for the assistant, not shown to the user:\n<hidden_context>\n${content}\n</hidden_context>`;

/** A hidden context item's content as text (non-string content as JSON). */
export const hiddenContextText = (item: HiddenContextItem): string =>
  typeof item.content === 'string' ? item.content : JSON.stringify(item.content);

/** A widget the user saw, described as JSON. */
export const widgetNote = (item: WidgetItem): string =>
  `The user was shown this widget (id ${item.id}): ${JSON.stringify(item.widget)}`;

/** An image attachment's URL when the model can fetch it (http or https), else null. */
export const fetchableImageUrl = (attachment: Attachment): string | null =>
  attachment.type === 'image' && /^https?:\/\//i.test(attachment.preview_url ?? '')
    ? (attachment.preview_url as string)
    : null;

/** Any other attachment: a line naming it (the model cannot read a file it was never given). */
export const attachmentLine = (attachment: Attachment): string =>
  `[attached ${attachment.type}: ${attachment.name} (${attachment.mime_type})]`;

/** A custom task the user was shown as done; undefined for other tasks (thoughts, searches…). */
export function taskNote(task: { type: string; title?: string; content?: string }) {
  if (task.type !== 'custom' || (!task.title && !task.content)) return undefined;
  const text = [task.title, task.content].filter(Boolean).join(': ');
  return `The user was shown that this task was done:\n<task>\n${text}\n</task>`;
}
