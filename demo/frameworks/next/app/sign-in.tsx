'use client';
// Sign up, sign in and sign out with Better Auth's React client; the page
// (a server component) re-renders with the new session afterwards.
import { createAuthClient } from 'better-auth/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

const authClient = createAuthClient();

export function SignIn() {
  const router = useRouter();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    const signUp = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'up';
    setBusy(true);
    setError('');
    const result = signUp
      ? await authClient.signUp.email({ email, password, name: email.split('@')[0] ?? email })
      : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) setError(result.error.message ?? 'Could not sign in');
    else router.refresh();
  };

  return (
    <form onSubmit={submit} aria-label="Sign in">
      <label>
        Email <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password{' '}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          minLength={8}
        />
      </label>
      <button type="submit" value="in" disabled={busy}>
        Sign in
      </button>
      <button type="submit" value="up" disabled={busy}>
        Create account
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

export function SignOut() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await authClient.signOut();
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
