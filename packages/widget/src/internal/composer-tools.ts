// The composer's tool menu and model select (ChatKit's `composer.tools` and
// `composer.models`): what the user picks goes out in `inference_options` of the
// next message. A menu button (arrow keys, Home/End, Escape), pinned tools as
// toggle buttons, a chip for the chosen tool, and a native <select> for the model.
import type { UserMessageInputOptions } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { plusIcon } from '../icons.js';
import { css } from './element-base.js';
import { type ChatWidgetStrings, format } from './strings.js';

/** A tool the user can pick in the composer (the shape of ChatKit's `ToolOption`). */
export interface ComposerTool {
  /** Sent as `inference_options.tool_choice.id`. */
  id: string;
  /** Shown in the tool menu. */
  label: string;
  /** Accepted for ChatKit compatibility; not drawn. */
  icon?: string;
  /** Shown on the chip while the tool is chosen (default `label`). */
  shortLabel?: string;
  /** The composer's placeholder while the tool is chosen. */
  placeholderOverride?: string;
  /** Shown as its own toggle button in the composer instead of in the menu. */
  pinned?: boolean;
  /** Stays chosen after a message is sent (default: cleared). */
  persistent?: boolean;
}

/** A model the user can pick (the shape of ChatKit's `ModelOption`). */
export interface ComposerModel {
  /** Sent as `inference_options.model`. */
  id: string;
  label: string;
  /** Shown as the option's tooltip. */
  description?: string;
  /** Listed but not selectable. */
  disabled?: boolean;
  /** Selected at first (else the first selectable model). */
  default?: boolean;
}

interface PicksHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: ParentNode;
}

const valid = <T extends { id: unknown; label: unknown }>(list: readonly T[] | null | undefined) =>
  (Array.isArray(list) ? list : []).filter(
    (o): o is T => typeof o?.id === 'string' && typeof o.label === 'string',
  );

/** What the user picked (tool and model) and the controls to pick them. */
export class ComposerPicks {
  private _tool: string | null = null;
  private _model: string | null = null;
  private _menuOpen = false;

  constructor(private readonly _host: PicksHost) {}

  /** The chosen tool, if it is still offered. */
  _chosenTool(tools: readonly ComposerTool[]): ComposerTool | undefined {
    return valid(tools).find((t) => t.id === this._tool);
  }

  /** The selected model: the user's pick, else the default, else the first selectable one. */
  _chosenModel(models: readonly ComposerModel[]): string | undefined {
    const usable = valid(models).filter((m) => !m.disabled);
    return (usable.find((m) => m.id === this._model) ?? usable.find((m) => m.default) ?? usable[0])
      ?.id;
  }

  /** The picks for the next message; a tool that is not persistent is cleared by `sent()`. */
  _options(tools: readonly ComposerTool[], models: readonly ComposerModel[]) {
    const options: UserMessageInputOptions = {};
    const tool = this._chosenTool(tools)?.id;
    const model = this._chosenModel(models);
    if (tool) options.toolChoice = tool;
    if (model) options.model = model;
    return options;
  }

  /** A message went out: a non-persistent tool is no longer chosen. */
  _sent(tools: readonly ComposerTool[]): void {
    if (!this._chosenTool(tools)?.persistent) this._pick(null, false);
  }

  private _pick(id: string | null, focus = true) {
    this._tool = id;
    this._menuOpen = false;
    this._host.requestUpdate();
    if (focus)
      this._host.updateComplete.then(() =>
        this._host.renderRoot.querySelector<HTMLElement>('#input')?.focus(),
      );
  }

  private _toggleMenu = async (event: Event) => {
    const wrap = (event.currentTarget as HTMLElement).parentElement!;
    this._menuOpen = !this._menuOpen;
    this._host.requestUpdate();
    await this._host.updateComplete;
    const items = [...wrap.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    (items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  };

  private _onMenuKeydown = (event: KeyboardEvent) => {
    const wrap = event.currentTarget as HTMLElement;
    const button = wrap.firstElementChild as HTMLElement;
    if (!this._menuOpen) {
      if (event.target === button && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        button.click();
      }
      return;
    }
    const items = [...wrap.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    const at = items.indexOf(event.target as HTMLElement);
    const next: Record<string, number> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key in next) {
      event.preventDefault();
      items[next[event.key]!]?.focus();
    } else if (event.key === 'Escape') {
      // Closes the menu only (the element leaves an Escape whose default is prevented).
      event.preventDefault();
      this._menuOpen = false;
      this._host.requestUpdate();
      button.focus();
    } else if (event.key === 'Tab') {
      this._menuOpen = false;
      this._host.requestUpdate();
    }
  };

  private _onMenuFocusout = (event: FocusEvent) => {
    const wrap = event.currentTarget as HTMLElement;
    if (this._menuOpen && !wrap.contains(event.relatedTarget as Node | null)) {
      this._menuOpen = false;
      this._host.requestUpdate();
    }
  };

  /** The controls (nothing when no tools and no models are offered). */
  _render(
    toolList: readonly ComposerTool[],
    modelList: readonly ComposerModel[],
    s: ChatWidgetStrings,
    disabled: boolean,
  ) {
    const tools = valid(toolList);
    const models = valid(modelList);
    if (!tools.length && !models.length) return nothing;
    const chosen = this._chosenTool(tools);
    const menu = tools.filter((t) => !t.pinned);
    const open = this._menuOpen && !disabled;
    const model = this._chosenModel(models);
    const name = (t: ComposerTool) => t.shortLabel || t.label;
    return html`<div class="composer-tools" part="composer-tools">
      ${
        menu.length
          ? html`<div
            class="tool-menu-wrap"
            @keydown=${this._onMenuKeydown}
            @focusout=${this._onMenuFocusout}
          >
            <button
              class="icon-button"
              part="tools-button"
              type="button"
              aria-label=${s.tools}
              title=${s.tools}
              aria-haspopup="menu"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls="tool-menu"
              ?disabled=${disabled}
              @click=${this._toggleMenu}
            >
              ${plusIcon}
            </button>
            ${
              open
                ? html`<div class="tool-menu" part="tool-menu" id="tool-menu" role="menu" aria-label=${s.tools}>
                  ${menu.map(
                    (t) => html`<button
                      part="tool-option"
                      type="button"
                      role="menuitemradio"
                      tabindex="-1"
                      aria-checked=${t === chosen ? 'true' : 'false'}
                      @click=${() => this._pick(t === chosen ? null : t.id)}
                    >
                      ${t.label}
                    </button>`,
                  )}
                </div>`
                : nothing
            }
          </div>`
          : nothing
      }
      ${tools
        .filter((t) => t.pinned)
        .map(
          (t) => html`<button
            class="chip"
            part="pinned-tool"
            type="button"
            aria-pressed=${t === chosen ? 'true' : 'false'}
            ?disabled=${disabled}
            @click=${() => this._pick(t === chosen ? null : t.id)}
          >
            ${name(t)}
          </button>`,
        )}
      ${
        chosen && !chosen.pinned
          ? html`<button
            class="chip"
            part="tool-chip"
            type="button"
            aria-label=${format(s.removeTool, { name: chosen.label })}
            @click=${() => this._pick(null)}
          >
            ${name(chosen)} <span aria-hidden="true">&times;</span>
          </button>`
          : nothing
      }
      ${
        models.length
          ? html`<select
            class="model"
            part="model-select"
            aria-label=${s.model}
            title=${s.model}
            ?disabled=${disabled}
            @change=${(event: Event) => {
              this._model = (event.target as HTMLSelectElement).value;
              this._host.requestUpdate();
            }}
          >
            ${models.map(
              (m) => html`<option
                value=${m.id}
                title=${m.description ?? nothing}
                ?disabled=${m.disabled}
                ?selected=${m.id === model}
              >
                ${m.label}
              </option>`,
            )}
          </select>`
          : nothing
      }
    </div>`;
  }
}

export const composerToolsStyles = css`
  .composer {
    flex-wrap: wrap;
  }
  .composer-tools {
    order: 3;
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-inline-start: -8px;
  }
  .tool-menu-wrap {
    position: relative;
  }
  .tool-menu {
    position: absolute;
    inset-block-end: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 1;
    min-width: 180px;
    padding: 4px;
    display: grid;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 10px;
    box-shadow: var(--_shadow);
  }
  .tool-menu button {
    padding: 8px 10px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
  }
  .tool-menu button:hover,
  .tool-menu button:focus-visible,
  .tool-menu [aria-checked=true] {
    background: var(--_surface);
  }
  .tool-menu [aria-checked=true] {
    font-weight: 600;
  }
  .chip,
  .model {
    min-height: 30px;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: inherit;
    font: inherit;
    font-size: 0.87em;
  }
  .chip[aria-pressed=true],
  .chip[part~=tool-chip] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
  }
  .model {
    margin-inline-start: auto;
    max-width: 50%;
  }
`;
