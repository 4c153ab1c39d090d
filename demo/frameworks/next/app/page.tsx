// A server component: reads the session from the request's cookie and shows
// either the sign-in form or the chat. Both are client components.
import { headers } from 'next/headers';
import { auth } from '../lib/auth';
import { Chat } from './chat';
import { SignIn, SignOut } from './sign-in';

// Per request (it reads the session cookie): never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const session = await auth.api.getSession({ headers: await headers() });
  return (
    <main>
      <h1>chat-widget in Next.js</h1>
      {session ? (
        <>
          <p>
            Signed in as <strong data-testid="user-email">{session.user.email}</strong> <SignOut />
          </p>
          <Chat />
        </>
      ) : (
        <SignIn />
      )}
    </main>
  );
}
