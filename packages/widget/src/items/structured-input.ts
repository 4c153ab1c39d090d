import type {
  StructuredInput,
  StructuredInputItem,
  StructuredInputSubmission,
} from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import type { ItemContext } from './context.js';

const field = (item: StructuredInputItem, input: StructuredInput, index: number) => {
  const id = `si-${item.id}-${index}`;
  if (input.type === 'multiple_choice') {
    const kind = input.multiple ? 'checkbox' : 'radio';
    return html`<fieldset class="question">
      <legend>${input.question}</legend>
      ${input.options.map(
        (option, i) => html`<label class="option"
          ><input type=${kind} name=${input.id} value=${option.value} id=${`${id}-${i}`} />
          ${option.value}</label
        >`,
      )}
    </fieldset>`;
  }
  return html`<div class="question">
    <label for=${id}>${input.question}</label>
    ${input.description ? html`<p class="hint" id=${`${id}-hint`}>${input.description}</p>` : nothing}
    <textarea
      id=${id}
      name=${input.id}
      rows="2"
      aria-describedby=${input.description ? `${id}-hint` : nothing}
    ></textarea>
  </div>`;
};

/** Reads the form: every question answered, or skipped when left empty. */
export const readAnswers = (
  form: HTMLFormElement,
  inputs: StructuredInput[],
): StructuredInputSubmission => {
  const data = new FormData(form);
  const answers: NonNullable<StructuredInputSubmission['answers']> = {};
  for (const input of inputs) {
    const values = data
      .getAll(input.id)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter(Boolean);
    answers[input.id] = values.length ? { values } : { skipped: true };
  }
  return { status: 'answered', answers };
};

const answered = (item: StructuredInputItem, context: ItemContext) =>
  html`<dl class="answers">
    ${item.inputs.map(
      (input) => html`<dt>${input.question}</dt>
        <dd>
          ${
            item.status === 'skipped' || !input.answer || input.answer.skipped
              ? html`<span class="muted">${context.strings.skipped}</span>`
              : input.answer.values.join(', ')
          }
        </dd>`,
    )}
  </dl>`;

/**
 * Questions from the assistant (ChatKit 1.6.4+): a small form while pending
 * (answer or skip sends `threads.add_structured_input`), the answers once replaced.
 */
export const renderStructuredInput = (item: StructuredInputItem, context: ItemContext) => {
  const s = context.strings;
  if (item.status !== 'pending')
    return html`<section class="structured" part="item structured-input" data-id=${item.id} aria-label=${s.questions}>
      ${answered(item, context)}
    </section>`;
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const skip = (event.submitter as HTMLButtonElement | null)?.value === 'skip';
    context.submitStructuredInput(
      item.id,
      skip ? { status: 'skipped' } : readAnswers(form, item.inputs),
    );
  };
  return html`<form
    class="structured"
    part="item structured-input"
    data-id=${item.id}
    aria-label=${s.questions}
    @submit=${onSubmit}
  >
    ${item.inputs.map((input, i) => field(item, input, i))}
    <div class="actions">
      <button class="text-button primary" part="submit-button" type="submit" value="answer" ?disabled=${context.busy}>
        ${s.submit}
      </button>
      <button class="text-button" part="skip-button" type="submit" value="skip" formnovalidate ?disabled=${context.busy}>
        ${s.skip}
      </button>
    </div>
  </form>`;
};
