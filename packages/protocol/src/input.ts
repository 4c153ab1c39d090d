import type { InferenceOptions, UserMessageContent, UserMessageInput } from './items.js';

export interface UserMessageInputOptions {
  /** Ids of attachments uploaded beforehand (`attachments.create`). */
  attachments?: string[];
  /** The quoted text the message replies to. */
  quotedText?: string;
  /** Ask the server to run this tool. */
  toolChoice?: string;
  model?: string;
}

/**
 * Builds a complete `UserMessageInput` (the Python SDK requires `attachments` and
 * `inference_options`, which are easy to forget) from text or content segments.
 * `quoted_text` is always present (`""` when nothing is quoted), as ChatKit's client sends it.
 */
export function createUserMessageInput(
  content: string | UserMessageContent[],
  options: UserMessageInputOptions = {},
): UserMessageInput {
  const inference: InferenceOptions = {};
  if (options.toolChoice) inference.tool_choice = { id: options.toolChoice };
  if (options.model) inference.model = options.model;
  const input: UserMessageInput = {
    content: typeof content === 'string' ? [{ type: 'input_text', text: content }] : content,
    attachments: options.attachments ?? [],
    // ChatKit's own client always sends the field, `""` when nothing is quoted.
    quoted_text: options.quotedText ?? '',
    inference_options: inference,
  };
  return input;
}
