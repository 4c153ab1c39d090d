// The ChatKit widget renderer: `renderWidget(root, ctx)` plus its styles and the
// plain-TS pieces behind actions (defaults, form values, loading state).
export {
  type FieldLike,
  formValues,
  loadingScope,
  readAction,
  setField,
  WidgetActionState,
  wireAction,
} from './actions.js';
export { runWidgetAction, type WidgetActionTransport } from './dispatch.js';
export { hasWidgetIcon, widgetIcon } from './icons.js';
export { renderWidget } from './render.js';
export { imageUrl } from './style.js';
export { widgetStyles } from './styles.js';
export type * from './types.js';
