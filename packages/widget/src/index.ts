import { VERSION } from '@chat-widget/auth';
import { decodeJwt } from 'jose';

export { VERSION };
export const probe = (t: string) => decodeJwt(t);
