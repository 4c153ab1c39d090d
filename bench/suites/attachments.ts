// 7. Attachment upload: a 5 MB PDF dropped on the composer of the inline widget goes
// through the two-phase path (`attachments.create`, then the bytes as multipart to the
// upload URL of the real ChatKit handler over loopback) until the file shows as
// uploaded. Measured: drop → uploaded (ms), and the JS heap of the page — after GC
// before the drop, and its peak while uploading (CDP JSHeapUsedSize, sampled about every
// 5 ms from Node), so a copy of the file in the JS heap would show.
import type { Browser } from '@playwright/test';
import { cdpMetrics, heapUsed, openCdp, withRecordedPage } from '../lib/browser.ts';
import type { Site } from '../lib/site.ts';
import { type Summary, summarize } from '../lib/stats.ts';

export interface AttachmentRun {
  uploadMs: number;
  heapBeforeBytes: number;
  heapPeakBytes: number;
  samples: number;
}

export interface AttachmentResults {
  bytes: number;
  runs: AttachmentRun[];
  summary?: { uploadMs: Summary; heapBeforeBytes: Summary; heapPeakBytes: Summary };
  error?: string;
}

/**
 * In the page: turns attachments on and builds the file (a Blob: its bytes leave the JS
 * heap once the array that filled it is collected, before the baseline is taken).
 */
const prepare = (bytes: number) => `(async () => {
  const el = document.querySelector('chat-widget');
  el.attachments = {};
  await el.updateComplete;
  const data = new Uint8Array(${bytes});
  data.set([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
  window.__file = new File([data], 'report.pdf', { type: 'application/pdf' });
})()`;

/** In the page: drops the file on the panel, resolves when it is uploaded. */
const dropAndWait = `(async () => {
  const el = document.querySelector('chat-widget');
  const transfer = new DataTransfer();
  transfer.items.add(window.__file);
  delete window.__file;
  const panel = el.shadowRoot.querySelector('[part~="panel"]');
  const t0 = performance.now();
  panel.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
  await new Promise((resolve, reject) => {
    const tick = () => {
      const file = el.shadowRoot.querySelector('[part~="draft-attachment"]');
      const status = file?.getAttribute('data-status');
      if (status === 'done') resolve();
      else if (status === 'failed') reject(new Error('upload failed'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
  return performance.now() - t0;
})()`;

export async function runAttachments(
  browser: Browser,
  site: Site,
  options: { runs: number; bytes: number },
): Promise<AttachmentResults> {
  const result: AttachmentResults = { bytes: options.bytes, runs: [] };
  const errors: string[] = [];
  for (let run = 0; run < options.runs; run++) {
    try {
      await withRecordedPage(browser, `${site.origin}/page/chat-widget/inline`, async (page) => {
        await page.evaluate(prepare(options.bytes));
        const cdp = await openCdp(page);
        const heapBeforeBytes = await heapUsed(cdp);
        let peak = heapBeforeBytes;
        let samples = 0;
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const heap = (await cdpMetrics(cdp)).JSHeapUsedSize ?? 0;
            peak = Math.max(peak, heap);
            samples++;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        })();
        try {
          const uploadMs = (await page.evaluate(dropAndWait)) as number;
          sampling = false;
          await sampler;
          result.runs.push({ uploadMs, heapBeforeBytes, heapPeakBytes: peak, samples });
        } finally {
          sampling = false;
        }
      });
    } catch (error) {
      errors.push((error as Error).message.split('\n')[0]!);
    }
  }
  if (result.runs.length) {
    result.summary = {
      uploadMs: summarize(result.runs.map((r) => r.uploadMs)),
      heapBeforeBytes: summarize(result.runs.map((r) => r.heapBeforeBytes)),
      heapPeakBytes: summarize(result.runs.map((r) => r.heapPeakBytes)),
    };
  }
  if (errors.length) result.error = `${errors.length} failed: ${errors[0]}`;
  return result;
}
