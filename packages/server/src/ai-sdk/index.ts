// @chat-widget/server/ai-sdk: the AI SDK (`ai`, any provider) behind the ChatKit handler.
export { type ModelMessageConverter, type ModelUserPart, toModelMessages } from './messages.js';
export {
  type AiSdkFile,
  type AiSdkResponderOptions,
  type AiSdkStreamResult,
  aiSdkResponder,
  type FromAiSdkStreamOptions,
  fromAiSdkStream,
  type WidgetToolOutput,
  widgetOutput,
} from './responder.js';
