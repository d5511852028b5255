export * from './model/ids';
export * from './model/records';
export * from './model/case';
export * from './model/entity';
export * from './model/handling';
export * from './ports/repositories';
export * from './audit/chain';
export * from './ingest/draft';
export * from './text/canonical';
export * from './model/grading';
export * from './anchoring';
export * from './extraction';
export * from './model/claim';
export * from './graph/algorithms';
export * from './graph/chartFilters';
export * from './graph/timeline';
export * from './model/chart';
export * from './model/note';
export * from './ports/search';
// The report model only: the renderers (html, markdown, docx) come from './report', so a bundle
// importing core does not carry the Word library.
export * from './report/types';
export * from './report/text';
export * from './report/options';
export * from './report/narrative';
export * from './report/build';
