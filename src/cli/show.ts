/**
 * @module cli/show
 * `parley show <id>`: one stored article: metadata, each sentence numbered with entities marked
 * [like this]{type} and numbers marked ⟨like this⟩, headings flagged, what was stripped and why,
 * and the article's derived relatives. Text is printed as text, never interpreted.
 */
import type { StoreOpts } from './main.js';
import { openStore } from '../store/index.js';
import { ParleyError } from '../errors.js';
import type { Entity, Quantity, Span } from '../types.js';
import { findTimes } from '../annotate/time.js';
import { findClauses } from '../annotate/clauses.js';

export async function run(ref: string, opts: StoreOpts & { json?: boolean }): Promise<void> {
  const store = await openStore({ location: opts.db, mustExist: true });
  try {
    const stored = await store.getArticle(/^\d+$/.test(ref) ? Number(ref) : ref);
    if (!stored) throw new ParleyError(`show: no article "${ref}" in ${store.location}`, { hint: 'run `parley ls` to see the ids and names' });
    const links = await store.listLinks(stored.id);
    if (opts.json) { process.stdout.write(JSON.stringify({ ...stored, links }, null, 1) + '\n'); return; }
    const a = stored.article, out: string[] = [];
    out.push(`#${stored.id} ${stored.name}`);
    out.push(`title:     ${a.title ?? '-'}`);
    out.push(`outlet:    ${a.outlet ?? '-'}`);
    out.push(`url:       ${a.url ?? '-'}`);
    out.push(`published: ${a.published ?? '-'}`);
    out.push(`language:  ${stored.language}${stored.segmented.analysable ? '' : ' (not analysed: not English)'}`);
    out.push(`source:    ${a.source.kind} ${a.source.path ?? ''}`);
    out.push(`entities:  ${stored.entities.length}, quantities: ${stored.quantities.length}, sentences: ${stored.segmented.sentences.length}`);
    out.push('');
    stored.segmented.sentences.forEach((s, i) => {
      out.push(`${String(i + 1).padStart(3)}${s.heading ? ' ##' : '   '} ${oneLine(markUp(a.text, s, stored.entities, stored.quantities))}`);
    });
    if (a.headings.length) {
      out.push('', 'headings:');
      for (const h of a.headings) out.push(`  ${h.start}-${h.end}  ${oneLine(a.text.slice(h.start, h.end))}`);
    }
    if (a.stripped.length) {
      out.push('', 'stripped:');
      for (const s of a.stripped) out.push(`  ${s.start}-${s.end}  ${s.reason}  ${oneLine(a.text.slice(s.start, s.end)).slice(0, 100)}`);
    }
    if (stored.entities.length) {
      out.push('', 'entities:');
      for (const e of stored.entities) {
        const spellings = [...new Set(e.mentions.map((m) => m.text))].join(' | ');
        out.push(`  ${e.key.padEnd(34)} ${e.type.padEnd(12)} ${e.role ? `(${e.role}) ` : ''}${spellings}`);
      }
    }
    // Time expressions and clauses are recomputed from the stored sentences (pure and cheap).
    const seg = { ...stored.segmented, article: a };
    const times = seg.analysable ? findTimes(seg) : [];
    if (times.length) {
      out.push('', `time expressions (against published ${a.published ?? 'unknown'}):`);
      for (const t of times) out.push(`  ${oneLine(t.text).slice(0, 40).padEnd(40)} ${t.date ?? '(unresolved)'}${t.date ? `  ${t.grain}` : ''}`);
    }
    const sentenceOf = (pos: number) => stored.segmented.sentences.findIndex((s) => s.start <= pos && pos < s.end) + 1;
    const clauses = seg.analysable ? findClauses(seg, stored.entities).filter((c) => c.attribution || c.modality !== 'asserted') : [];
    if (clauses.length) {
      const names = new Map(stored.entities.map((e) => [e.id, e.name]));
      out.push('', 'attributed or not asserted:');
      for (const c of clauses) {
        const who = c.attribution ? ` on the word of ${oneLine(c.attribution.text)}${c.attribution.entity ? ` (${names.get(c.attribution.entity) ?? c.attribution.entity})` : ''}` : '';
        out.push(`  s${sentenceOf(c.start)} ${c.modality}${c.modalityCue ? ` (${c.modalityCue})` : ''}${who}: ${oneLine(a.text.slice(c.start, c.end)).slice(0, 90)}`);
      }
    }
    if (links.length) {
      out.push('', 'related articles:');
      for (const l of links) {
        const other = l.a === stored.id ? l.b : l.a;
        const rel = await store.getArticle(other);
        const dir = l.source == null ? 'common origin' : l.source === stored.id ? 'copied from this one' : 'this one was copied from it';
        out.push(`  ${l.kind.padEnd(11)} #${other} ${rel?.name ?? '?'}  score ${l.score.toFixed(2)}  ${l.kind === 'same-event' ? 'independent report of the same event' : dir}`);
      }
    }
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await store.close();
  }
}

/** The sentence's text with entity mentions and quantities marked; overlapping marks are skipped. */
export function markUp(text: string, s: Span, entities: Entity[], quantities: Quantity[]): string {
  const marks: { start: number; end: number; open: string; close: string }[] = [];
  for (const e of entities) for (const m of e.mentions) if (m.start >= s.start && m.end <= s.end) marks.push({ start: m.start, end: m.end, open: '[', close: `]{${e.type}}` });
  for (const q of quantities) if (q.start >= s.start && q.end <= s.end) marks.push({ start: q.start, end: q.end, open: '⟨', close: '⟩' });
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  let pos = s.start, res = '';
  const events: { at: number; str: string }[] = [];
  let lastEnd = -1;
  for (const m of marks) {
    if (m.start < lastEnd && m.end > lastEnd) continue; // crossing, not nested: skip
    events.push({ at: m.start, str: m.open }, { at: m.end, str: m.close });
    lastEnd = Math.max(lastEnd, m.end);
  }
  events.sort((x, y) => x.at - y.at || (x.str.startsWith(']') || x.str === '⟩' ? -1 : 1));
  for (const ev of events) { res += text.slice(pos, ev.at) + ev.str; pos = ev.at; }
  return res + text.slice(pos, s.end);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');
