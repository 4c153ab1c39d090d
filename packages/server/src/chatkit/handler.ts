// createChatKitHandler: the ChatKit endpoint for Node and every Fetch API
// runtime. `fetch` serves Fetch API runtimes (Hono, Next, Workers); `node`
// adapts Node's http module (and Connect/Express) onto the same code.
// The Fetch-only core is fetch-handler.ts; node-adapter.ts is the Node part.

import {
  type ChatKitFetchHandler,
  type ChatKitHandlerOptions,
  createChatKitFetchHandler,
} from './fetch-handler.js';
import { type NodeHandler, nodeAdapter } from './node-adapter.js';

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
  const core = createChatKitFetchHandler(options);
  return {
    fetch: core.fetch,
    node: nodeAdapter(core.fetch),
    close: core.close,
    get active() {
      return core.active;
    },
  };
}
