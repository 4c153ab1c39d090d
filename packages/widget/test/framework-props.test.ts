// The framework typings (React 19 JSX, Vue, Svelte, and the React 18 component's props)
// are built from one list, `ChatWidgetPropertyName` in src/types/shared.ts. It must name
// every public reactive property of the element: one it misses is untyped in every
// framework (and React 18's component would not accept it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatWidget } from '../src/chat-widget.ts';
import type { ChatWidgetPropertyName } from '../src/types/shared.ts';

// `satisfies` holds this list to the type: a name missing here, or one the type lacks, fails typecheck.
const typed = {
  authUrl: true,
  apiUrl: true,
  mode: true,
  open: true,
  theme: true,
  heading: true,
  greeting: true,
  placeholder: true,
  prompts: true,
  threadId: true,
  locale: true,
  signInUrl: true,
  noFeedback: true,
  side: true,
  push: true,
  autoHeight: true,
  headingLevel: true,
  assistantName: true,
  assistantAvatar: true,
  userAvatar: true,
  disclaimer: true,
  launcherLabel: true,
  headerActions: true,
  dictation: true,
  attachments: true,
  tools: true,
  models: true,
  strings: true,
  tokenManager: true,
  authClient: true,
  getToken: true,
  sessionToken: true,
  renderItem: true,
  onClientTool: true,
} satisfies Record<ChatWidgetPropertyName, true>;

test('ChatWidgetPropertyName names exactly the public reactive properties of <chat-widget>', () => {
  // Internal state is no declared property (the element requests its own updates).
  const declared = Object.keys(ChatWidget.properties);
  assert.deepEqual(declared.sort(), Object.keys(typed).sort());
});
