// @chat-widget/server/fastify: the auth hook and the ChatKit plugin for Fastify 5.
export {
  type ChatKitFastifyOptions,
  chatKitFastify,
  fastifyAuthHook,
} from './adapter.js';
