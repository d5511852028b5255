import type { SearchEngineFactory } from '../../../src/search/service';
import type { SearchEngine } from '../../../src/search/types';
import { createSearchEngine, importSearchEngine } from '../../../src/search/engine';

export interface EngineCounters {
  created: number;
  imported: number;
  /** Upserts that (re-)indexed a document (its stamp differed from the indexed one). */
  indexed: number;
  /** Upserts with an unchanged stamp: only the text was attached. */
  attached: number;
  /** warm() calls that reported nothing left to prepare. */
  warmed: number;
}

/** The engine factory the service tests use, counting what the service asks of it. */
export function searchEngines(
  base: SearchEngineFactory = { create: createSearchEngine, import: importSearchEngine },
): SearchEngineFactory & { readonly counters: EngineCounters } {
  const counters: EngineCounters = {
    created: 0,
    imported: 0,
    indexed: 0,
    attached: 0,
    warmed: 0,
  };
  const counting = (engine: SearchEngine): SearchEngine => {
    const upsert = engine.upsert.bind(engine);
    engine.upsert = (document) => {
      if (engine.stampOf(document.kind, document.id) === document.stamp) counters.attached += 1;
      else counters.indexed += 1;
      upsert(document);
    };
    const warm = engine.warm.bind(engine);
    engine.warm = (budgetMs) => {
      const done = warm(budgetMs);
      if (done) counters.warmed += 1;
      return done;
    };
    return engine;
  };
  return {
    counters,
    create() {
      counters.created += 1;
      return counting(base.create());
    },
    import(snapshot, caseId) {
      const result = base.import(snapshot, caseId);
      if (!result.ok) return result;
      counters.imported += 1;
      return { ok: true, value: counting(result.value) };
    },
  };
}
