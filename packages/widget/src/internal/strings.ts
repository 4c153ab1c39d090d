/** Every user-visible text of the widget; override any of them with the `strings` property. */
export interface ChatWidgetStrings {
  heading: string;
  greeting: string;
  placeholder: string;
  openChat: string;
  closeChat: string;
  newReply: string;
  newChat: string;
  history: string;
  backToChat: string;
  send: string;
  stop: string;
  retry: string;
  copy: string;
  copyCode: string;
  copied: string;
  jumpToLatest: string;
  you: string;
  assistant: string;
  stopped: string;
  thinking: string;
  signedOut: string;
  signIn: string;
  authError: string;
  tryAgain: string;
  connecting: string;
  signInToChat: string;
  messages: string;
  suggestions: string;
  noHistory: string;
  loadMore: string;
  loading: string;
  untitled: string;
  rename: string;
  renameLabel: string;
  save: string;
  cancel: string;
  delete: string;
  confirmDelete: string;
  locked: string;
  closed: string;
}

export const defaultStrings: ChatWidgetStrings = {
  heading: 'Chat',
  greeting: 'How can I help you today?',
  placeholder: 'Message…',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newReply: 'new reply',
  newChat: 'New conversation',
  history: 'Conversation history',
  backToChat: 'Back to conversation',
  send: 'Send message',
  stop: 'Stop response',
  retry: 'Retry',
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  jumpToLatest: 'Jump to latest',
  you: 'You',
  assistant: 'Assistant',
  stopped: 'Stopped',
  thinking: 'Thinking…',
  signedOut: 'You are signed out. Sign in to chat.',
  signIn: 'Sign in',
  authError: 'Could not reach the sign-in service.',
  tryAgain: 'Try again',
  connecting: 'Connecting…',
  signInToChat: 'Sign in to chat',
  messages: 'Conversation',
  suggestions: 'Suggestions',
  noHistory: 'No conversations yet.',
  loadMore: 'Load more',
  loading: 'Loading…',
  untitled: 'Untitled conversation',
  rename: 'Rename',
  renameLabel: 'Conversation title',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  confirmDelete: 'Delete this conversation?',
  locked: 'This conversation is locked.',
  closed: 'This conversation is closed.',
};
