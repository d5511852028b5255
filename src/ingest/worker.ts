/// <reference lib="webworker" />
import { parseFile } from './parseFile';
import type { ParseJob, ParseJobResult } from './protocol';

// The ingest worker: parsing happens here so the UI thread stays responsive. pdf.js runs in this
// same thread (see pdf.ts), so no nested worker is spawned.
declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<ParseJob>) => {
  const job = event.data;
  void parseFile(job).then((result) => {
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
