// createChatKitHandler: the ChatKit endpoint for Node and every Fetch API
// runtime. `fetch` serves Fetch API runtimes (Hono, Next, Workers); `node`
// adapts Node's http module (and Connect/Express) onto the same code.
// The core is fetch-handler.ts (Fetch API only); node-adapter.ts is the Node part,
// which feeds the same core straight from IncomingMessage/ServerResponse.

import {
  type ChatKitFetchHandler,
  type ChatKitHandlerOptions,
  createChatKitCore,
} from './fetch-handler.js';
import { fetchCall } from './http.js';
import { type NodeHandler, nodeAdapter } from './node-adapter.js';
import { toResponse } from './sse-response.js';

export {
  type ChatKitFetchHandler,
  type ChatKitHandlerOptions,
  type ChatKitRequestContext,
  createChatKitFetchHandler,
  defaultTitle,
} from './fetch-handler.js';

export interface ChatKitHandler extends ChatKitFetchHandler {
  /** Node http/Connect/Express entry point; the body must not have been consumed. */
  node: NodeHandler;
}

export function createChatKitHandler(options: ChatKitHandlerOptions): ChatKitHandler {
  const core = createChatKitCore(options);
  return {
    fetch: async (request, ctx) => toResponse(await core.serve(fetchCall(request), ctx)),
    node: nodeAdapter(core),
    close: core.close,
    get active() {
      return core.active;
    },
  };
}
