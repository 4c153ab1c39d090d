import { html } from 'lit';

/** Fallback renderer: paragraphs of plain text (Lit escapes it). */
export const renderPlainText = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => html`<p>${p}</p>`);
