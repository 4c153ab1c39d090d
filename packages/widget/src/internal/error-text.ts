import type { ChatFailure, FailureKind } from '../controllers/failure.js';
import { type ChatWidgetStrings, format, type TextKey } from './strings.js';

const KEYS: Record<FailureKind, TextKey> = {
  signedOut: 'errorSignedOut',
  connection: 'errorConnection',
  session: 'errorSession',
  rateLimited: 'errorRateLimited',
  server: 'errorServer',
  request: 'errorRequest',
  notFound: 'errorNotFound',
  network: 'errorNetwork',
  streamError: 'errorStream',
  incomplete: 'errorIncomplete',
  custom: 'errorUnknown',
  emptyStream: 'errorEmptyStream',
  unknown: 'errorUnknown',
};

const PREFIX: Partial<Record<ChatFailure['context'], TextKey>> = {
  load: 'errorLoad',
  rename: 'errorRename',
  delete: 'errorDelete',
  action: 'errorAction',
  feedback: 'errorFeedback',
};

/** The user-facing text of a failure, from `strings` (the server's own text for `custom`). */
export function errorText(failure: ChatFailure, strings: ChatWidgetStrings): string {
  const text =
    failure.kind === 'custom' && failure.detail
      ? failure.detail
      : format(strings[KEYS[failure.kind]], { status: failure.status ?? '' });
  const prefix = PREFIX[failure.context];
  return prefix ? `${strings[prefix]} ${text}` : text;
}
