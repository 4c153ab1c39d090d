import { loaderStrings } from './loader-strings.js';

/**
 * A text that depends on a number: one form per plural category of the language
 * (`Intl.PluralRules`), `{count}` standing for the number. `other` is required.
 */
export type PluralText = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** Every user-visible text of the widget; override any of them with the `strings` property. */
export interface ChatWidgetStrings {
  /** The BCP 47 tag of the language these texts are in (plurals, numbers and dates follow it). */
  locale: string;
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
  /** The microphone button (dictation); `aria-pressed` while it records. */
  dictate: string;
  /** Shown while recording. */
  dictationListening: string;
  dictationTranscribing: string;
  errorMicDenied: string;
  errorMicMissing: string;
  errorMicUnsupported: string;
  /** Prefix of a failed `input.transcribe` (the reason follows). */
  errorTranscribe: string;
  /** The transcriber heard nothing. */
  errorNoSpeech: string;
  /** The composer's tool menu button. */
  tools: string;
  /** The chip of the chosen tool (removes it). */
  removeTool: string;
  /** The composer's model select. */
  model: string;
  retry: string;
  copy: string;
  copyCode: string;
  copied: string;
  jumpToLatest: string;
  you: string;
  assistant: string;
  stopped: string;
  thinking: string;
  /** Under a message sent while offline: it goes by itself when the network is back. */
  sendWhenOnline: string;
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
  /** Copy button of a message (accessible name; the button shows an icon). */
  copyMessage: string;
  /** 👍 on a reply. */
  goodResponse: string;
  /** 👎 on a reply. */
  badResponse: string;
  /** Retry on the latest reply: answers the last message again. */
  retryResponse: string;
  errorFeedback: string;
  /** Button above the first message shown of a long thread. */
  loadOlder: string;
  loadingOlder: string;
  /** The composer's attach button (a file input). */
  attachFiles: string;
  /** Remove button of a file in the composer; `{name}` is the file name. */
  removeFile: string;
  /** Progress bar of a file being uploaded. */
  uploadingFile: string;
  /** Upload again a file whose upload failed. */
  retryUpload: string;
  /** `{size}` is the limit, e.g. "10 MB". */
  errorFileTooLarge: string;
  errorFileType: string;
  /** `{count}` is the most files a message may carry. */
  errorTooManyFiles: string;
  errorUpload: string;
  /** After a link of the disclaimer line, for screen readers only. */
  opensInNewTab: string;
  /** A number of seconds, e.g. in `reasoningDone`. */
  seconds: PluralText;
  /** A number of minutes, e.g. in `reasoningDone`. */
  minutes: PluralText;
}

/** The keys whose text is a plain string (not a plural). */
export type TextKey = {
  [K in keyof ChatWidgetStrings]: ChatWidgetStrings[K] extends string ? K : never;
}[keyof ChatWidgetStrings];

export const defaultStrings: ChatWidgetStrings = {
  ...loaderStrings,
  greeting: 'How can I help you today?',
  placeholder: 'Message…',
  newChat: 'New conversation',
  history: 'Conversation history',
  backToChat: 'Back to conversation',
  send: 'Send message',
  stop: 'Stop response',
  dictate: 'Dictate',
  dictationListening:
    'Listening… Select the microphone again to finish, or press Escape to cancel.',
  dictationTranscribing: 'Transcribing…',
  errorMicDenied:
    'Microphone access is blocked. Allow it in your browser’s site settings to dictate.',
  errorMicMissing: 'No microphone was found.',
  errorMicUnsupported: 'This browser cannot record audio.',
  errorTranscribe: 'Could not transcribe:',
  errorNoSpeech: 'No speech was recognized.',
  tools: 'Tools',
  removeTool: 'Remove {name}',
  model: 'Model',
  retry: 'Retry',
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  jumpToLatest: 'Jump to latest',
  you: 'You',
  assistant: 'Assistant',
  stopped: 'Stopped',
  thinking: 'Thinking…',
  sendWhenOnline: "Will send when you're back online",
  signedOut: 'You are signed out. Sign in to chat.',
  signIn: 'Sign in',
  authError: 'Could not reach the sign-in service.',
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
  errorStream: 'Something went wrong while answering.',
  errorIncomplete: 'The response could not be completed.',
  errorEmptyStream: 'The server ended the reply without answering.',
  errorUnknown: 'Something went wrong. Try again.',
  errorLoad: 'Could not load this conversation.',
  errorRename: 'Could not rename:',
  errorDelete: 'Could not delete:',
  errorAction: 'The action failed:',
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
  copyMessage: 'Copy message',
  goodResponse: 'Good response',
  badResponse: 'Bad response',
  retryResponse: 'Retry response',
  errorFeedback: 'Could not save feedback:',
  loadOlder: 'Show earlier messages',
  loadingOlder: 'Loading earlier messages…',
  attachFiles: 'Attach files',
  removeFile: 'Remove {name}',
  uploadingFile: 'Uploading {name}',
  retryUpload: 'Retry uploading {name}',
  errorFileTooLarge: '{name} is too large (the limit is {size}).',
  errorFileType: '{name} is a type of file that cannot be attached.',
  errorTooManyFiles: '{name} was not attached: at most {count} files per message.',
  errorUpload: 'Could not upload {name}.',
  opensInNewTab: 'opens in a new tab',
  seconds: { one: '{count} second', other: '{count} seconds' },
  minutes: { one: '{count} minute', other: '{count} minutes' },
};

/** Fills `{name}` placeholders of a string from `values`. */
export const format = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );

/** The form of `text` for `count` in the language of `locale`, with `{count}` filled in. */
export const plural = (text: PluralText, count: number, locale: string): string => {
  let category: Intl.LDMLPluralRule = 'other';
  let shown = String(count);
  try {
    category = new Intl.PluralRules(locale).select(count);
    shown = new Intl.NumberFormat(locale).format(count);
  } catch {
    // An invalid tag: the `other` form with plain digits.
  }
  return format(text[category] ?? text.other, { count: shown });
};

/** A duration in seconds as words, e.g. "4 seconds" or "2 minutes 5 seconds". */
export const duration = (value: number, s: ChatWidgetStrings): string => {
  const total = Math.max(0, Math.round(value));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return plural(s.seconds, rest, s.locale);
  const words = plural(s.minutes, minutes, s.locale);
  return rest === 0 ? words : `${words} ${plural(s.seconds, rest, s.locale)}`;
};
