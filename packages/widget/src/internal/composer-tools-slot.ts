// Where the tool menu and model select go: nothing until the element has `tools` or
// `models`, then composer-tools.ts is imported (once), so pages without them never load it.
import type { UserMessageInputOptions } from '@chat-widget/protocol';
import type { ComposerModel, ComposerPicks, ComposerTool } from './composer-tools.js';
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
  private picks: ComposerPicks | null = null;
  private load: Promise<ComposerPicks> | null = null;

  constructor(private readonly host: Host) {}

  private get wanted() {
    return any(this.host.tools) || any(this.host.models);
  }

  private loaded(): Promise<ComposerPicks> {
    this.load ??= import('./composer-tools.js').then(
      ({ ComposerPicks, composerToolsStyles }) => {
        const root = this.host.shadowRoot;
        const sheet = composerToolsStyles.styleSheet;
        if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.picks = new ComposerPicks(this.host);
        this.host.requestUpdate();
        return this.picks;
      },
      (error: unknown) => {
        this.load = null;
        throw error;
      },
    );
    return this.load;
  }

  /** The chosen tool's placeholder, if any. */
  placeholder(): string | undefined {
    return this.picks?.chosenTool(this.host.tools)?.placeholderOverride;
  }

  /** The picks for the next message (a non-persistent tool is then cleared). */
  async take(): Promise<UserMessageInputOptions> {
    if (!this.wanted) return {};
    // Sent before the controls loaded (e.g. sendMessage() at once): the default model still counts.
    const picks = this.picks ?? (await this.loaded().catch(() => null));
    if (!picks) return {};
    const { tools, models } = this.host;
    const options = picks.options(tools, models);
    picks.sent(tools);
    return options;
  }

  /** The controls once loaded; starts loading them when tools or models are set. */
  render(s: ChatWidgetStrings, disabled: boolean): unknown {
    if (!this.wanted) return null;
    if (!this.picks) {
      this.loaded().catch((error: unknown) =>
        console.warn('chat-widget: the composer tools did not load', error),
      );
      return null;
    }
    return this.picks.render(this.host.tools, this.host.models, s, disabled);
  }
}
