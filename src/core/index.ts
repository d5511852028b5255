export * from './model/ids';
export * from './model/records';
export * from './model/case';
export * from './model/handling';
export * from './ports/repositories';
export * from './audit/chain';
export * from './ingest/draft';
export * from './text/canonical';
