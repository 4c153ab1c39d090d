// A server instance in its own process, for the test that kills one with
// SIGKILL mid-reply: PostgreSQL store + turn log (DATABASE_URL), a responder
// that streams until stopped, Node http on a free loopback port (printed as
// "port <n>"). The user is the `x-user` header: authentication is not what
// this process is for (the parent test reaches its own instances with tokens).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createChatKitHandler,
  createPostgresStore,
  createPostgresTurnLog,
  type Responder,
} from '@chat-widget/server/chatkit';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const store = await createPostgresStore(pool);
const turnLog = await createPostgresTurnLog(pool, { leaseMs: 600, onError: () => {} });
const respond: Responder = async function* () {
  for (let i = 0; ; i++) {
    yield `w${i} `;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const handler = createChatKitHandler({ store, respond, turnLog, onError: () => {} });
const server = createServer((req, res) => {
  void handler.node(req, res, { userId: String(req.headers['x-user']) });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
});
