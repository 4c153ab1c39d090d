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
  errorSignedOut: string;
  errorConnection: string;
  errorSession: string;
  errorRateLimited: string;
  errorServer: string;
  errorRequest: string;
  errorNotFound: string;
  errorNetwork: string;
  errorStream: string;
  errorIncomplete: string;
  errorEmptyStream: string;
  errorUnknown: string;
  errorLoad: string;
  errorRename: string;
  errorDelete: string;
  /** Prefix of a widget action's failure. */
  errorAction: string;
  errorToken: string;
  errorNoToolHandler: string;
  sources: string;
  quoted: string;
  attachments: string;
  reasoningRunning: string;
  reasoningDone: string;
  workflowRunning: string;
  workflowDone: string;
  toolRunning: string;
  toolDone: string;
  toolFailed: string;
  questions: string;
  submit: string;
  skip: string;
  skipped: string;
  imageGenerating: string;
  imageGenerated: string;
  widgetItem: string;
  /** A widget list's items beyond its limit (the count follows). */
  widgetShowMore: string;
  /** In place of a widget component that cannot be shown. */
  widgetUnsupported: string;
  unsupportedItem: string;
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
  errorSignedOut: 'You are signed out.',
  errorConnection: 'The connection was lost. Check your network and try again.',
  errorSession: 'Your session is not valid any more.',
  errorRateLimited: 'Too many requests. Wait a moment and try again.',
  errorServer: 'The server had a problem ({status}). Try again.',
  errorRequest: 'The request failed ({status}).',
  errorNotFound: 'This conversation no longer exists. Retry starts a new one.',
  errorNetwork: 'The network is unavailable. Try again.',
  errorStream: 'Something went wrong while answering.',
  errorIncomplete: 'The response could not be completed.',
  errorEmptyStream: 'The server ended the reply without answering.',
  errorUnknown: 'Something went wrong. Try again.',
  errorLoad: 'Could not load this conversation.',
  errorRename: 'Could not rename:',
  errorDelete: 'Could not delete:',
  errorAction: 'The action failed:',
  errorToken: 'Could not get a token.',
  errorNoToolHandler: 'No handler for the client tool "{name}".',
  sources: 'Sources',
  quoted: 'Replying to',
  attachments: 'Attachments',
  reasoningRunning: 'Thinking…',
  reasoningDone: 'Thought for {duration}',
  workflowRunning: 'Working…',
  workflowDone: 'Done',
  toolRunning: 'Running {name}…',
  toolDone: 'Ran {name}',
  toolFailed: '{name} failed',
  questions: 'Questions',
  submit: 'Submit',
  skip: 'Skip',
  skipped: 'Skipped',
  imageGenerating: 'Generating image…',
  imageGenerated: 'Generated image',
  widgetItem: 'Interactive content',
  widgetShowMore: 'Show more',
  widgetUnsupported: 'Unsupported content',
  unsupportedItem: 'This content cannot be shown here.',
};

/** Fills `{name}` placeholders of a string from `values`. */
export const format = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
