// @chat-widget/server/agents: run an OpenAI Agents SDK agent behind the ChatKit handler.
export {
  AgentEventMapper,
  type GeneratedImageData,
  type ImageUrlMaker,
  type PendingClientCall,
  toChatKitAnnotation,
} from './events.js';
export { type AgentUserContent, type ThreadItemConverter, toAgentInput } from './input.js';
export {
  type AgentsResponderOptions,
  agentsResponder,
  type ChatKitAgent,
  type ChatKitAgentContext,
  CLIENT_TOOL_PENDING,
  clientTool,
  dataImageUrl,
} from './responder.js';
