import { comparableName, type EntityId, type EntitySummary } from '../../core';

export interface EntityMatch {
  readonly entity: EntitySummary;
  /** The alias that matched, when the name itself did not. */
  readonly viaAlias?: string;
}

/** How well a name matches: 0 exact, 1 starts with, 2 a word starts with, 3 contains; -1 none. */
function rank(name: string, needle: string): number {
  const hay = comparableName(name);
  if (hay === needle) return 0;
  if (hay.startsWith(needle)) return 1;
  const at = hay.indexOf(needle);
  if (at < 0) return -1;
  return hay[at - 1] === ' ' ? 2 : 3;
}

/**
 * The entities whose name or an alias matches what was typed (compared as core's comparableName,
 * so "kim jong-un" finds "Kim Jong Un"), best first: exact, prefix, word prefix, anywhere; ties
 * by mentions. An empty query lists the most mentioned.
 */
export function matchEntities(
  entities: readonly EntitySummary[],
  query: string,
  options: { readonly limit?: number; readonly exclude?: readonly EntityId[] } = {},
): EntityMatch[] {
  const limit = options.limit ?? 50;
  const excluded = new Set(options.exclude ?? []);
  const needle = comparableName(query);
  const scored: { match: EntityMatch; score: number }[] = [];
  for (const entity of entities) {
    if (excluded.has(entity.id)) continue;
    if (needle === '') {
      scored.push({ match: { entity }, score: 0 });
      continue;
    }
    let best = rank(entity.name, needle);
    let viaAlias: string | undefined;
    for (const alias of entity.aliases) {
      const r = rank(alias, needle);
      if (r >= 0 && (best < 0 || r < best)) {
        best = r;
        viaAlias = alias;
      }
    }
    if (best < 0) continue;
    scored.push({ match: viaAlias ? { entity, viaAlias } : { entity }, score: best });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      b.match.entity.mentionCount - a.match.entity.mentionCount ||
      a.match.entity.name.localeCompare(b.match.entity.name),
  );
  return scored.slice(0, limit).map((s) => s.match);
}
