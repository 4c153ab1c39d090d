// The ChatKit endpoint: the Bearer JWT is verified against Better Auth's JWKS
// (401 + WWW-Authenticate otherwise), then the handler answers for that user;
// streaming turns go out as Server-Sent Events, unbuffered.
import { withAuth } from '@chat-widget/server/auth';
import { chatkit, verifier } from '../../../lib/chat';

const handle = withAuth(verifier, (request, user) =>
  chatkit.fetch(request, { userId: user.sub, claims: user.claims }),
);

// POST for every ChatKit request and uploads; GET serves attachments (?attachment=id), PUT takes raw uploads.
export const POST = handle;
export const GET = handle;
export const PUT = handle;
