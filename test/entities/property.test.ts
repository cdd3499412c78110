/** Properties of the entity layer on generated text: it never throws, and every mention is an exact, non-overlapping slice. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadKb } from '../../src/kb/index.js';
import { segment } from '../../src/text/segment.js';
import { findEntities } from '../../src/annotate/entities.js';
import { article } from './helpers.js';

// Pieces that exercise the chunker: kb names, titles, particles, punctuation, possessives, other scripts.
const PIECES = ['Hamas', 'Israel', "Israel's", 'U.S.', 'US', 'Washington', 'said', 'the', 'of', 'al-', 'Hayya', 'Dr.', 'Prime', 'Minister',
  'Maria', 'Lopez', 'Union', 'Ministry', '(', ')', ',', '.', '—', 'in', 'Doha', 'NATO', 'Nato', 'nato', 'Witkoff', 'Whittaker', 'envoy',
  'Longshoremen’s', 'Association', 'The', 'غزة', '😀', '\n', '\n\n', 'Zaporizhzhia', 'Ben-Gvir', 'Sa’ar', 'J.', 'MONDAY', 'Monday'];

describe('entity layer properties', () => {
  it('never throws and gives exact, ordered, non-overlapping mentions with valid keys', async () => {
    const kb = await loadKb();
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
      const text = parts.join(' ');
      const es = findEntities(segment(article(text)), kb);
      const spans = es.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
      for (const m of spans) expect(text.slice(m.start, m.end)).toBe(m.text);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      for (const e of es) {
        expect(e.key).toMatch(/^[a-z]+:[^\s]+$/);
        expect(e.mentions.length).toBeGreaterThan(0);
        expect(e.confidence).toBeGreaterThan(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
      }
      expect(new Set(es.map((e) => e.key)).size).toBe(es.length);
    }), { numRuns: 300 });
  });
});
