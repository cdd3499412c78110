/**
 * @module ingest/dates
 * Ingest helper: a date as a source writes it (ISO 8601, RFC 822 from RSS, "2024-03-05 10:00")
 * -> YYYY-MM-DD, or null. An ISO date keeps the day as written (the publisher's local day);
 * other forms are read by Date and given as their UTC day.
 */
export function toDay(raw: string | null | undefined): string | null {
  const s = (raw ?? '').trim();
  if (!s) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (iso) return valid(+iso[1]!, +iso[2]!, +iso[3]!);
  const slash = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/.exec(s);
  if (slash) return valid(+slash[1]!, +slash[2]!, +slash[3]!);
  if (!/[a-z]{3}/i.test(s) && !/^\d{4}/.test(s)) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function valid(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
