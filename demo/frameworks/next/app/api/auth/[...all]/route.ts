// Better Auth's endpoints (/api/auth/*) through its Next.js handler.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '../../../../lib/auth';

export const { GET, POST } = toNextJsHandler(auth);
