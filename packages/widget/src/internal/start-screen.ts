import { html, nothing } from 'lit';
import { promptOf } from './branding.js';
import type { ChatPrompt } from './branding-options.js';
import type { ChatWidgetStrings } from './strings.js';

/** Shown in an empty conversation: the greeting and suggested prompts. */
export const renderStartScreen = (props: {
  greeting: string;
  prompts: ChatPrompt[];
  strings: ChatWidgetStrings;
  disabled: boolean;
  onPrompt: (text: string) => void;
}) =>
  html`<div class="start" part="start-screen">
    <p class="greeting" part="greeting">${props.greeting}</p>
    ${
      props.prompts.length
        ? html`<ul class="prompts" aria-label=${props.strings.suggestions}>
          ${props.prompts.map(promptOf).map(
            ({ label, prompt, icon }) =>
              html`<li>
                <button
                  class="chip"
                  part="prompt"
                  type="button"
                  ?disabled=${props.disabled}
                  @click=${() => props.onPrompt(prompt)}
                >
                  ${icon}${label}
                </button>
              </li>`,
          )}
        </ul>`
        : nothing
    }
  </div>`;
