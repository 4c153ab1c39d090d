/**
 * `@chat-widget/element`: the `<chat-widget>` custom element. Importing this
 * module registers the element.
 */
import './define.js';

export type { AuthStatus, TokenManager, TokenState } from '@chat-widget/auth';
export { ChatWidget, type ChatWidgetMode, type ChatWidgetTheme } from './chat-widget.js';
export type { ClientToolCall } from './controllers/conversation-controller.js';
export type { ChatErrorCode, WidgetErrorCode } from './controllers/failure.js';
export type { ChatWidgetAttachments, UploadStrategy } from './controllers/uploads.js';
export { defineChatWidget, TAG_NAME } from './define.js';
export type * from './events.js';
export type { IconName } from './icons.js';
export type { ChatPrompt, DisclaimerPart, HeaderAction } from './internal/branding-options.js';
export type { ComposerModel, ComposerTool } from './internal/composer-tools.js';
export { type LocaleTag, localeTags } from './internal/locale.js';
export type { HostItemRenderer } from './internal/message-list.js';
export type { ChatWidgetStrings, PluralText } from './internal/strings.js';
export type { ItemContext } from './items/context.js';
export type { ChatWidgetProperties, ChatWidgetPropertyName } from './types/shared.js';
export type {
  WidgetAction,
  WidgetActionHandler,
  WidgetLoadingBehavior,
} from './widgets/types.js';
