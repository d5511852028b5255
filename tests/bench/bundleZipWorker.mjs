// The bundle bench's stand-in for the app's ZIP worker (src/app/zip.worker.ts) on a Node thread:
// the same prepareZipMember, the same messages, members and results transferred.
import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { module: zip } = await runnerImport(ROOT + 'src/core/bundle/zip.ts');

parentPort.on('message', ({ id, bytes, compress }) => {
  const { crc, deflated } = zip.prepareZipMember(bytes, compress);
  if (deflated === undefined) parentPort.postMessage({ id, crc });
  else parentPort.postMessage({ id, crc, deflated }, [deflated.buffer]);
});
parentPort.postMessage('ready');
