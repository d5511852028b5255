// Node has no IndexedDB: every unit test gets an in-memory one, fresh per test file.
import 'fake-indexeddb/auto';
