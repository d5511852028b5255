export { StorageProvider, useStorage } from './StorageContext';
export { useStorageQuery, type QueryState } from './useQuery';
