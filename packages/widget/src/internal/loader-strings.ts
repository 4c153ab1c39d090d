// The few texts the loader shows itself (launcher, the panel's frame, auth errors): the
// rest of defaultStrings arrives with the panel's code.
import type { ChatWidgetStrings } from './strings.js';

export const loaderStrings = {
  locale: 'en',
  heading: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newReply: 'new reply',
  tryAgain: 'Try again',
  errorNetwork: 'The network is unavailable. Try again.',
  errorToken: 'Could not get a token.',
} satisfies Partial<ChatWidgetStrings>;
