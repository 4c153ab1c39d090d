// Bearer-mode tabs of different sessions on one channel (per-tab storage,
// account switching): they must never take each other's tokens, failures or
// sign-outs, while tabs of the same session still share everything.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { decodeJwt } from 'jose';
import { createTokenManager, type TokenManager } from '../src/index.ts';
import { clockSeams, useAuthServer } from './helpers/auth-server.ts';
import { fifoLocks } from './helpers/env.ts';
import { type FakeClock, fakeClock, until } from './helpers/fake-clock.ts';

const auth = useAuthServer({ jwtExpiresIn: 60 }, { signUp: false });
const created: TokenManager[] = [];
afterEach(() => {
  for (const m of created.splice(0)) m.dispose();
});

let channelCount = 0;
function bearerTab(
  sessionToken: string | (() => string | null),
  clock: FakeClock,
  channel: string,
  locks = fifoLocks(),
) {
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    sessionToken,
    crossTab: channel,
    locks,
    ...clockSeams(clock),
    window: null,
    document: null,
  });
  created.push(manager);
  return manager;
}
const sub = (jwt: string) => decodeJwt(jwt).sub;
const newSecond = () => new Promise((resolve) => setTimeout(resolve, 1050));

test('two guests in two tabs: each tab only ever holds its own user’s token, over several refreshes', async () => {
  const clock = fakeClock();
  const channel = `sessions-${++channelCount}`;
  const locks = fifoLocks();
  const guestA = await auth.server.signInAnonymous();
  const guestB = await auth.server.signInAnonymous();
  const a = bearerTab(guestA.sessionToken, clock, channel, locks);
  const b = bearerTab(guestB.sessionToken, clock, channel, locks);
  assert.equal(sub(await a.getToken()), guestA.id);
  assert.equal(sub(await b.getToken()), guestB.id);
  for (let round = 0; round < 3; round++) {
    await newSecond(); // a later iat/exp: a peer token would look "fresher" than the held one
    // A refreshes first, then B: each broadcast reaches the other tab.
    assert.equal(sub(await a.getToken({ forceRefresh: true })), guestA.id);
    assert.equal(sub(await b.getToken()), guestB.id, `round ${round}: B kept its own user`);
    await newSecond();
    assert.equal(sub(await b.getToken({ forceRefresh: true })), guestB.id);
    assert.equal(sub(await a.getToken()), guestA.id, `round ${round}: A kept its own user`);
  }
});

test('sign-out in one guest tab leaves the other guest tab signed in; the same session still shares', async () => {
  const clock = fakeClock();
  const channel = `sessions-${++channelCount}`;
  const locks = fifoLocks();
  const guestA = await auth.server.signInAnonymous();
  const guestB = await auth.server.signInAnonymous();
  const a = bearerTab(guestA.sessionToken, clock, channel, locks);
  const a2 = bearerTab(() => guestA.sessionToken, clock, channel, locks);
  const b = bearerTab(guestB.sessionToken, clock, channel, locks);
  await b.getToken();
  const start = auth.server.tokenRequests();
  const jwt = await a.getToken();
  // The second tab of session A takes A's token without a request.
  await until(() => a2.state.status === 'signed-in', 2000, 'A’s token reached its other tab');
  assert.equal(await a2.getToken(), jwt);
  assert.equal(auth.server.tokenRequests() - start, 1);
  await a.signOut();
  await until(() => a2.state.status === 'signed-out', 2000, 'sign-out reached A’s other tab');
  await newSecond();
  assert.equal(b.state.status, 'signed-in');
  assert.equal(sub(await b.getToken()), guestB.id);
});

test('a peer token for another user is refused even when the scope matches (account switched in another tab)', async () => {
  const clock = fakeClock();
  const channel = `sessions-${++channelCount}`;
  const guestA = await auth.server.signInAnonymous();
  const guestB = await auth.server.signInAnonymous();
  const a = bearerTab(guestA.sessionToken, clock, channel);
  await a.getToken();
  await newSecond();
  // A tab of the same session scope that somehow holds B's JWT (a forged or stale message).
  const spoof = new BroadcastChannel(channel);
  const scopeProbe = bearerTab(guestA.sessionToken, clock, `probe-${channelCount}`);
  await scopeProbe.getToken();
  const listen = new BroadcastChannel(`probe-${channelCount}`);
  const sniffed = new Promise<{ scope: string }>((resolve) => {
    listen.onmessage = (event) => resolve(event.data as { scope: string });
  });
  await scopeProbe.getToken({ forceRefresh: true });
  const { scope } = await sniffed;
  listen.close();
  const other = await auth.server.token({ sessionToken: guestB.sessionToken });
  await clock.advance(1000); // obtained later than A's token: it would look fresher
  spoof.postMessage({ type: 'token', scope, jwt: other, obtainedAt: clock.now() });
  await newSecond();
  spoof.close();
  assert.equal(sub(await a.getToken()), guestA.id);
});
