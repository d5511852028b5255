/// <reference lib="webworker" />
import { parseFile } from './parseFile';
import type { ParseJob, ParseJobResult } from './protocol';

// The ingest worker: parsing happens here so the UI thread stays responsive. pdf.js runs in this
// same thread (see pdf.ts), so no nested worker is spawned.
declare const self: DedicatedWorkerGlobalScope;

/** pdf.js's character maps ship with the app (see electron.vite.config.ts), on our own origin. */
const PDF_CMAP_URL = new URL('/pdfjs/cmaps/', self.location.href).href;

self.addEventListener('message', (event: MessageEvent<ParseJob>) => {
  const job = event.data;
  // pdf.js posts a message of its own when it loads here; only our jobs carry an id.
  if (typeof job?.id !== 'number') return;
  void parseFile({ ...job, pdfCMapUrl: PDF_CMAP_URL }).then((result) => {
    const reply: ParseJobResult = { id: job.id, result, bytes: job.bytes };
    const transfers = new Set<ArrayBuffer>([job.bytes.buffer as ArrayBuffer]);
    if (result.ok) {
      for (const attachment of result.value.draft.attachments ?? []) {
        transfers.add(attachment.bytes.buffer as ArrayBuffer);
      }
    }
    self.postMessage(reply, [...transfers]);
  });
});
