/** The part of StorageManager we use; injectable so the behaviour can be tested without a browser. */
export interface PersistableStorage {
  persist?: () => Promise<boolean>;
}

function defaultStorage(): PersistableStorage | undefined {
  // Absent in Node and in some embedded webviews; `navigator` itself is absent in Node 20.
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

async function ask(storage: PersistableStorage | undefined): Promise<boolean> {
  if (typeof storage?.persist !== 'function') return false;
  try {
    return (await storage.persist()) === true;
  } catch {
    return false;
  }
}

let defaultRequest: Promise<boolean> | undefined;

/**
 * Asks the browser not to evict Casefile's data under storage pressure. Resolves to whether the
 * data is now persistent; never rejects (a refusal just leaves the default best-effort storage).
 * Without an argument it asks `navigator.storage` at most once per page, however many callers
 * (the app's start-up and openCasefileStorage both call it).
 */
export function requestPersistentStorage(storage?: PersistableStorage): Promise<boolean> {
  if (storage !== undefined) return ask(storage);
  defaultRequest ??= ask(defaultStorage());
  return defaultRequest;
}
