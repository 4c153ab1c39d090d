import { html, nothing } from 'lit';
import { promptOf } from './branding.js';
import type { ChatPrompt } from './branding-options.js';
import type { ChatWidgetStrings } from './strings.js';

/** Shown in an empty conversation: the greeting and suggested prompts. */
export const renderStartScreen = (props: {
  // Keys `_`-prefixed: the panel's own, so the script-tag build shortens them.
  _greeting: string;
  _prompts: ChatPrompt[];
  _strings: ChatWidgetStrings;
  _disabled: boolean;
  _onPrompt: (text: string) => void;
}) =>
  html`<div class="start" part="start-screen">
    <p class="greeting" part="greeting">${props._greeting}</p>
    ${
      props._prompts.length
        ? html`<ul class="prompts" aria-label=${props._strings.suggestions}>
          ${props._prompts.map(promptOf).map(
            ({ label, prompt, icon }) =>
              html`<li>
                <button
                  class="chip"
                  part="prompt"
                  type="button"
                  ?disabled=${props._disabled}
                  @click=${() => props._onPrompt(prompt)}
                >
                  ${icon}${label}
                </button>
              </li>`,
          )}
        </ul>`
        : nothing
    }
  </div>`;
