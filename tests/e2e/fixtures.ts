import { join, resolve } from 'node:path';

/** The news article (HTML) the passage, claim and chart tests read, and the title it imports as. */
export const NEWS_ARTICLE = {
  path: join(resolve(import.meta.dirname, '../fixtures/ingest'), 'html/kim-jong-nam-article.html'),
  title: 'Nerve agent killed Kim Jong Nam at Kuala Lumpur airport, police say',
} as const;
