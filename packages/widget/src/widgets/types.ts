// Shapes the widget renderer works with. Widget trees come from the server, so every
// node is read defensively: a `WidgetNode` is any object with a string `type`.

/** One node of a widget tree: `{type, id?, key?, …props}` as ChatKit serializes it. */
export interface WidgetNode {
  type: string;
  id?: string;
  key?: string;
  [prop: string]: unknown;
}

/** Where an action runs. */
export type WidgetActionHandler = 'server' | 'client';
/** What is disabled while an action runs: ChatKit's `loadingBehavior`. */
export type WidgetLoadingBehavior = 'auto' | 'none' | 'self' | 'container';

/** An `ActionConfig` with ChatKit's defaults applied (`server`, `auto`, `true`). */
export interface WidgetAction {
  type: string;
  payload?: Record<string, unknown>;
  handler: WidgetActionHandler;
  loadingBehavior: WidgetLoadingBehavior;
  /** `false` → `threads.sync_custom_action` (JSON reply) instead of a streamed reply. */
  streaming: boolean;
}

/** Which control fired an action. */
export interface WidgetActionSource {
  /** Stable key of the control within its widget (its `id`, `key`, or tree path). */
  key: string;
  /** Component type that fired it (`Button`, `Form`, `Card`, `ListViewItem`, `Select`, …). */
  component: string;
  /**
   * What `auto`/`self`/`container` resolved to: `self` disables the control,
   * `container` the whole widget, `none` nothing.
   */
  loading: 'none' | 'self' | 'container';
}

/** What the renderer needs from its host. */
export interface WidgetContext {
  /** Id of the widget thread item. */
  itemId: string;
  /**
   * Called for every action a control fires. `values` holds the form fields by name
   * (dotted names nest) for form submits and `asForm` cards, the changed field for
   * `onChangeAction`, else `null`. Return a promise to keep the loading state until it
   * settles (see {@link WidgetActionState}).
   */
  dispatchAction(
    action: WidgetAction,
    values: Record<string, unknown> | null,
    source: WidgetActionSource,
  ): unknown;
  /** The running action's loading scope: a control key, `'*'` for the whole widget, or null. */
  busy?: string | null;
  /** The thread's `allowed_image_domains`: when non-empty, images load only from these hosts. */
  allowedImageDomains?: readonly string[] | null;
  /** Placed at the top of Markdown code blocks (the element passes its copy button). */
  codeBlockButton?: unknown;
  /** Texts the renderer shows itself (defaults in English). */
  strings?: Partial<WidgetStrings>;
}

/** Texts of the renderer's own UI. */
export interface WidgetStrings {
  /** Summary of a ListView's items beyond its `limit` (the count follows). Default `"Show more"`. */
  showMore: string;
  /** Shown in place of a component that cannot be rendered. Default `"Unsupported content"`. */
  unsupported: string;
}
