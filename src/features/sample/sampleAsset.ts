import sampleBundleUrl from '../../../resources/sample-case/sample.casefile?url';
import { err, ok, type Result } from '../../shared/result';

/**
 * The sample bundle's bytes. Vite copies it into the build as a hashed asset, so this is a
 * same-origin read of the app's own files (app:// in Electron), never a network request.
 */
export async function loadSampleBundle(): Promise<Result<Uint8Array>> {
  try {
    const response = await fetch(sampleBundleUrl);
    if (!response.ok) {
      return err(
        'sample.missing',
        `The sample case is missing from this build (${response.status}).`,
      );
    }
    return ok(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err('sample.missing', `The sample case could not be read from this build: ${detail}`);
  }
}
