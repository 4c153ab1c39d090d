// Which client a request to Better Auth comes from, for its rate limiter.
// Better Auth reads the address from a header; anybody can send
// X-Forwarded-For, so the demo writes its own header from what it knows: the
// socket's peer address, preceded by the forwarded chain only when trusted
// proxies are configured (Better Auth then walks the chain from the right,
// skipping those proxies, so a client cannot choose its own address).
import type { IncomingMessage } from 'node:http';

/** The header Better Auth is told to read (`advanced.ipAddress.ipAddressHeaders`). */
export const CLIENT_ADDRESS_HEADER = 'x-chat-widget-demo-client';

/** A copy of `request` whose client-address header the demo set itself (any client value is replaced). */
export function withClientAddress(
  request: Request,
  incoming: IncomingMessage | undefined,
  trustForwarded: boolean,
): Request {
  const peer = incoming?.socket.remoteAddress;
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const chain: string[] = [];
  if (trustForwarded) {
    const forwarded = request.headers.get('x-forwarded-for');
    if (forwarded) chain.push(forwarded);
  }
  if (peer) chain.push(peer);
  if (chain.length > 0) headers.set(CLIENT_ADDRESS_HEADER, chain.join(', '));
  return new Request(request, { headers });
}
