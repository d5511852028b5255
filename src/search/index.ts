export * from './tokenize';
export * from './query';
