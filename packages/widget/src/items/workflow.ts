import type { Task, TaskItem, WorkflowItem } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { type ChatWidgetStrings, duration, format } from '../internal/strings.js';
import type { ItemContext } from './context.js';
import { externalLink } from './link.js';

/** One task of a workflow (thought, custom, web_search, file, image). */
export const renderTask = (task: Task) => {
  const title = task.title ?? (task.type === 'web_search' ? task.title_query : undefined);
  const state = task.status_indicator === 'loading' ? 'loading' : 'idle';
  return html`<li class="task ${task.type}" part="task" data-kind=${task.type} data-state=${state}>
    ${title ? html`<p class="task-title">${title}</p>` : nothing}
    ${
      task.type === 'thought' || task.type === 'custom'
        ? task.content
          ? html`<p class="task-content">${task.content}</p>`
          : nothing
        : nothing
    }
    ${
      task.type === 'web_search'
        ? html`${
            task.queries?.length
              ? html`<ul class="queries">${task.queries.map((q) => html`<li>${q}</li>`)}</ul>`
              : nothing
          }${
            task.sources?.length
              ? html`<ul class="task-sources">
                ${task.sources.map((s) => html`<li>${externalLink(s.url, s.title)[0]}</li>`)}
              </ul>`
              : nothing
          }`
        : nothing
    }
    ${
      task.type === 'file' && task.sources?.length
        ? html`<ul class="task-sources">${task.sources.map((s) => html`<li>${s.filename || s.title}</li>`)}</ul>`
        : nothing
    }
  </li>`;
};

const summaryText = (item: WorkflowItem, streaming: boolean, s: ChatWidgetStrings) => {
  const { workflow } = item;
  const reasoning = workflow.type === 'reasoning';
  if (streaming) return reasoning ? s.reasoningRunning : s.workflowRunning;
  const summary = workflow.summary;
  if (summary && 'duration' in summary)
    return format(s.reasoningDone, { duration: duration(summary.duration, s) });
  if (summary && 'title' in summary && summary.title) return summary.title;
  return s.workflowDone;
};

/**
 * A workflow (reasoning or custom): a collapsible block, expanded while it streams,
 * collapsed with its summary (duration or title) when done unless the server asks
 * for it expanded.
 */
export const renderWorkflow = (item: WorkflowItem, context: ItemContext) => {
  const { streaming, strings } = context;
  const open = streaming || item.workflow.expanded === true;
  return html`<details
    class="workflow ${item.workflow.type}"
    part="item workflow"
    data-id=${item.id}
    ?open=${open}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    <summary part="workflow-summary">${summaryText(item, streaming, strings)}</summary>
    <ol class="tasks">${item.workflow.tasks.map(renderTask)}</ol>
  </details>`;
};

/** A standalone task item. */
export const renderTaskItem = (item: TaskItem) =>
  html`<ol class="tasks standalone" part="item task-item" data-id=${item.id}>${renderTask(item.task)}</ol>`;
