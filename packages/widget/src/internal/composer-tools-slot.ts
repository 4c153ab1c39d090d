// Where the tool menu and model select go: nothing until the element has `tools` or
// `models`, then composer-tools.ts is imported (once), so a bundler can split it off (the
// script-tag build keeps it in the panel chunk: cheaper than a chunk of its own).
import type { UserMessageInputOptions } from '@chat-widget/protocol';
import type { ComposerModel, ComposerPicks, ComposerTool } from './composer-tools.js';
import { adoptStyles } from './element-base.js';
import type { ChatWidgetStrings } from './strings.js';

interface Host {
  tools: ComposerTool[];
  models: ComposerModel[];
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: ParentNode;
  readonly shadowRoot: ShadowRoot | null;
}

/** Anything listed: a JSON attribute that did not parse is `null`, not a list. */
const any = (list: unknown) => Array.isArray(list) && list.length > 0;

export class ComposerToolsSlot {
  private _picks: ComposerPicks | null = null;
  private _load: Promise<ComposerPicks> | null = null;

  constructor(private readonly _host: Host) {}

  private get _wanted() {
    return any(this._host.tools) || any(this._host.models);
  }

  private _loaded(): Promise<ComposerPicks> {
    this._load ??= import('./composer-tools.js').then(
      ({ ComposerPicks, composerToolsStyles }) => {
        const root = this._host.shadowRoot;
        if (root) adoptStyles(root, [composerToolsStyles]);
        this._picks = new ComposerPicks(this._host);
        this._host.requestUpdate();
        return this._picks;
      },
      (error: unknown) => {
        this._load = null;
        throw error;
      },
    );
    return this._load;
  }

  /** The chosen tool's placeholder, if any. */
  _placeholder(): string | undefined {
    return this._picks?._chosenTool(this._host.tools)?.placeholderOverride;
  }

  /** The picks for the next message (a non-persistent tool is then cleared). */
  async _take(): Promise<UserMessageInputOptions> {
    if (!this._wanted) return {};
    // Sent before the controls loaded (e.g. sendMessage() at once): the default model still counts.
    const picks = this._picks ?? (await this._loaded().catch(() => null));
    if (!picks) return {};
    const { tools, models } = this._host;
    const options = picks._options(tools, models);
    picks._sent(tools);
    return options;
  }

  /** The controls once loaded; starts loading them when tools or models are set. */
  _render(s: ChatWidgetStrings, disabled: boolean): unknown {
    if (!this._wanted) return null;
    if (!this._picks) {
      this._loaded().catch((error: unknown) =>
        console.warn('chat-widget: the composer tools did not load', error),
      );
      return null;
    }
    return this._picks._render(this._host.tools, this._host.models, s, disabled);
  }
}
