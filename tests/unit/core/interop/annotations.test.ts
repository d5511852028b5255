import { describe, expect, test } from 'vitest';
import { exportAnnotations } from '../../../../src/core/interop/annotations';
import { HOSTILE, SMALL_IDS } from '../../../fixtures/reports/smallCase';
import { EXTRA_IDS, XML_HOSTILE, filesInput, valueOf } from './filesInput';

interface Annotation {
  id: string;
  type: string;
  motivation: string;
  created: string;
  modified: string;
  body?: Record<string, unknown>[];
  target: { source: string; selector: Record<string, unknown>[] };
}

interface Collection {
  '@context': string;
  id: string;
  type: string;
  label: string;
  total: number;
  first: { id: string; type: string; startIndex: number; items: Annotation[] };
}

const UUID_V5 = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function collectionOf(options: { hostile?: boolean } = {}) {
  const input = filesInput(options);
  const file = valueOf(exportAnnotations(input));
  return { input, file, collection: JSON.parse(file.text) as Collection };
}

describe('Web Annotation export', () => {
  test('one collection, one embedded page, one annotation per passage', () => {
    const { input, file, collection } = collectionOf();
    expect(file.fileName).toBe('harbour-fuel-diversion-annotations.jsonld');
    expect(file.mediaType).toMatch(/^application\/ld\+json/);
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.id).toMatch(UUID_V5);
    expect(collection.total).toBe(input.passages.length);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.id).toMatch(UUID_V5);
    expect(collection.first.startIndex).toBe(0);
    expect(collection.first.items).toHaveLength(input.passages.length);
  });

  test('every annotation has the model’s required fields and both selectors', () => {
    const { input, collection } = collectionOf();
    for (const item of collection.first.items) {
      const passage = input.passages.find((p) => `urn:uuid:${p.id}` === item.id)!;
      const source = input.sources.find((s) => s.id === passage.sourceId)!;
      expect(item.type).toBe('Annotation');
      expect(item.target.source).toBe(`urn:sha256:${source.sha256}`);
      expect(item.created).toBe(passage.createdAt);
      const quote = item.target.selector.find((s) => s['type'] === 'TextQuoteSelector')!;
      expect(quote['exact']).toBe(passage.quote.exact);
      if (!passage.orphaned) {
        expect(item.target.selector).toContainEqual({
          type: 'TextPositionSelector',
          start: passage.position.start,
          end: passage.position.end,
        });
      }
      for (const body of item.body ?? []) {
        expect(['TextualBody', 'SpecificResource']).toContain(body['type']);
        expect(body['purpose']).toBeTypeOf('string');
      }
    }
  });

  test('motivation follows the passage kind; mentions identify their entity; evidence names its claims', () => {
    const { collection } = collectionOf();
    const byId = (id: string) => collection.first.items.find((i) => i.id === `urn:uuid:${id}`)!;
    expect(byId(SMALL_IDS.pNewsBerth).motivation).toBe('highlighting');
    expect(byId(EXTRA_IDS.pComment).motivation).toBe('commenting');
    expect(byId(EXTRA_IDS.pComment).body).toEqual([
      { type: 'TextualBody', value: 'Check the date', format: 'text/plain', purpose: 'commenting' },
    ]);
    const mention = byId(EXTRA_IDS.pMention);
    expect(mention.motivation).toBe('identifying');
    expect(mention.body).toContainEqual({
      type: 'SpecificResource',
      source: `urn:uuid:${SMALL_IDS.mara}`,
      purpose: 'identifying',
    });
    expect(mention.body!.some((b) => b['value'] === 'Mara Kessel')).toBe(true);
    const evidence = byId(SMALL_IDS.pWebEmploy);
    expect(evidence.motivation).toBe('assessing');
    expect(evidence.body!.map((b) => b['value'])).toEqual([
      'Evidence for: Northwind Fuels Ltd employs Mara Kessel (B2, corroborated)',
    ]);
  });

  test('an orphaned passage keeps its quote, loses its position, and is reported', () => {
    const { file, collection } = collectionOf();
    const orphan = collection.first.items.find((i) => i.id === `urn:uuid:${EXTRA_IDS.pOrphan}`)!;
    expect(orphan.target.selector.map((s) => s['type'])).toEqual(['TextQuoteSelector']);
    expect(file.notices.map((n) => n.recordId)).toContain(EXTRA_IDS.pOrphan);
  });

  test('passages whose source is not exported are left out with a notice', () => {
    const input = filesInput();
    const file = valueOf(
      exportAnnotations({ ...input, sources: input.sources.filter((s) => s.id !== SMALL_IDS.web) }),
    );
    const collection = JSON.parse(file.text) as Collection;
    expect(collection.first.items).toHaveLength(input.passages.length - 2);
    expect(file.notices.map((n) => n.recordId)).toContain(SMALL_IDS.pWebEmploy);
  });

  test('hostile strings are literal after parsing; output is deterministic', () => {
    const { input, file, collection } = collectionOf({ hostile: true });
    const comment = collection.first.items.find((i) => i.id === `urn:uuid:${EXTRA_IDS.pComment}`)!;
    expect(comment.body![0]!['value']).toBe(`Check the date ${XML_HOSTILE}`);
    const employ = collection.first.items.find(
      (i) => i.id === `urn:uuid:${SMALL_IDS.pNewsEmploy}`,
    )!;
    expect(employ.target.selector[0]!['exact']).toContain(HOSTILE);
    const reversed = { ...input, passages: [...input.passages].reverse() };
    expect(valueOf(exportAnnotations(reversed)).text).toBe(file.text);
  });
});
