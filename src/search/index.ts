export * from './tokenize';
export * from './query';
export * from './find';
