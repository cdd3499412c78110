/** Test support: the shape every `TimeExpression` must have, as an error text or null. */
import type { TimeExpression } from '../../src/types.js';

export function wellFormed(text: string, t: TimeExpression): string | null {
  if (text.slice(t.start, t.end) !== t.text) return `text "${t.text}" is not its slice`;
  if (!t.text.trim() || t.text !== t.text.trim()) return `text "${t.text}" is empty or untrimmed`;
  if (t.date !== null) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date) || new Date(t.date + 'T00:00:00Z').toISOString().slice(0, 10) !== t.date) return `bad date ${t.date}`;
    if (t.grain === 'unresolved' || t.grain === 'year') return `grain ${t.grain} with a date`;
    if (t.grain === 'month' && !t.date.endsWith('-01')) return `month grain not on the first: ${t.date}`;
    if (t.grain === 'week' && new Date(t.date + 'T00:00:00Z').getUTCDay() !== 1) return `week grain not on a Monday: ${t.date}`;
  } else if (t.grain !== 'unresolved' && t.grain !== 'year') return `grain ${t.grain} without a date`;
  return null;
}
