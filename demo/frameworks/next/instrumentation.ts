// Runs once when the server starts (never during `next build`): creates or
// updates Better Auth's tables before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { auth } = await import('./lib/auth');
  await (await auth.$context).runMigrations();
}
