/// <reference lib="webworker" />
import { prepareZipMember } from '../core/bundle/zip';
import type { ZipWorkerReply, ZipWorkerRequest } from './zipWorkerClient';

// The ZIP worker, started by the bundle worker: deflates and checksums large bundle members while
// the bundle worker encrypts the ones before them, so an export uses two cores. Members come as
// transferred copies; deflated bytes go back transferred.
declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<ZipWorkerRequest>) => {
  const { id, bytes, compress } = event.data;
  const { crc, deflated } = prepareZipMember(bytes, compress);
  if (deflated === undefined) {
    self.postMessage({ id, crc } satisfies ZipWorkerReply);
    return;
  }
  const own =
    deflated.byteOffset === 0 && deflated.byteLength === deflated.buffer.byteLength
      ? deflated
      : deflated.slice();
  self.postMessage({ id, crc, deflated: own } satisfies ZipWorkerReply, [own.buffer]);
});
