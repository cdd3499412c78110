/**
 * @module ingest/decode
 * Ingest helper: raw bytes -> text, or a reason they are not text.
 * - Binary (NUL bytes, known magic numbers) is refused.
 * - UTF-16 with a BOM is decoded as UTF-16 (the BOM dropped: offsets then index the decoded text).
 * - Valid UTF-8 is decoded exactly as `fs.readFileSync(p, 'utf8')` does, which KEEPS a UTF-8 BOM
 *   as U+FEFF at index 0, so offsets agree with ../shared/eval/score.mjs; the cleaner marks that
 *   character as a stripped range (`junk/bom`) instead of cutting it.
 * - Bytes that are not valid UTF-8 are decoded as UTF-8 where they are valid and as Windows-1252
 *   (the usual culprit) where they are not, one character per invalid sequence, with a note. Each
 *   invalid sequence gives exactly one UTF-16 unit, as U+FFFD does for `readFileSync(p,'utf8')`, so
 *   offsets stay those of a UTF-8 reading (the scorer's) even for such files. A charset declared
 *   by the source (an HTML meta tag, an HTTP header) is used instead when there is one.
 */
import iconv from 'iconv-lite';

export type Decoded =
  | { ok: true; text: string; encoding: string; note: string | null }
  | { ok: false; reason: string };

/** Leading bytes of common binary formats (images, archives, documents, executables, media). */
const MAGIC: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or docx/xlsx/epub)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['bzip2 archive', [0x42, 0x5a, 0x68]],
  ['xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['Windows executable', [0x4d, 0x5a]],
  ['OLE document (doc/xls)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['RIFF media (webp/wav/avi)', [0x52, 0x49, 0x46, 0x46]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

const startsWith = (buf: Uint8Array, sig: number[]) => sig.length <= buf.length && sig.every((b, i) => buf[i] === b);

/** A reason the bytes are binary, or null. Checks magic numbers and NUL bytes in the first 8 KiB. */
export function binaryReason(buf: Uint8Array): string | null {
  if (isUtf16Bom(buf)) return null;
  for (const [name, sig] of MAGIC) {
    // "MZ" alone is too short to trust for text that starts with those letters: need a NUL too.
    if (startsWith(buf, sig) && (name !== 'Windows executable' || buf.subarray(0, 512).includes(0))) return `binary file (${name})`;
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) {
    // Text in UTF-16 without a byte order mark has a NUL in every other byte.
    let even = 0, odd = 0;
    for (let i = 0; i < Math.min(head.length, 1024); i++) if (head[i] === 0) (i % 2 ? odd++ : even++);
    const half = Math.min(head.length, 1024) / 2;
    if (Math.max(even, odd) > half * 0.8 && Math.min(even, odd) < half * 0.1) return 'binary file (NUL in every other byte: UTF-16 without a byte order mark? save it as UTF-8)';
    return 'binary file (contains NUL bytes)';
  }
  return null;
}

const isUtf16Bom = (b: Uint8Array) => b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode bytes; `charset` is a declared charset (HTTP header, meta tag) to prefer when valid. */
export function decodeBytes(buf: Uint8Array, charset: string | null = null): Decoded {
  if (buf.length === 0) return { ok: false, reason: 'empty file' };
  const bin = binaryReason(buf);
  if (bin) return { ok: false, reason: bin };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16le'), encoding: 'utf-16le', note: 'decoded as UTF-16LE (byte order mark)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16be'), encoding: 'utf-16be', note: 'decoded as UTF-16BE (byte order mark)' };
  try {
    // ignoreBOM: keep U+FEFF like Buffer#toString('utf8') does.
    return { ok: true, text: fatalUtf8.decode(buf), encoding: 'utf-8', note: null };
  } catch {
    // Not UTF-8: a declared legacy charset, else Windows-1252.
  }
  const declared = charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset) ? charset : null;
  if (declared) return { ok: true, text: iconv.decode(Buffer.from(buf), declared), encoding: declared, note: `not valid UTF-8; decoded as ${declared}` };
  const { text, invalid } = decodeUtf8WithFallback(buf);
  return { ok: true, text, encoding: 'utf-8+windows-1252', note: `not valid UTF-8 (${invalid} invalid byte sequence${invalid === 1 ? '' : 's'}); those bytes decoded as Windows-1252` };
}

/** Windows-1252 for the bytes 0x80-0xFF, one BMP character each. */
const CP1252: string[] = Array.from({ length: 128 }, (_, i) => {
  const ch = iconv.decode(Buffer.from([0x80 + i]), 'windows-1252');
  return ch.length === 1 ? ch : '\ufffd';
});

/**
 * WHATWG UTF-8 decoding, except that an invalid sequence of ONE byte becomes its Windows-1252
 * character instead of U+FFFD (a longer broken sequence still becomes one U+FFFD). Either way one
 * UTF-16 unit per invalid sequence, so the length and every offset match `Buffer#toString('utf8')`.
 */
export function decodeUtf8WithFallback(buf: Uint8Array): { text: string; invalid: number } {
  const out: string[] = [];
  let invalid = 0;
  let run = 0;
  const n = buf.length;
  let i = 0;
  const flushAscii = (end: number) => {
    if (end > run) out.push(Buffer.from(buf.buffer, buf.byteOffset + run, end - run).toString('latin1'));
  };
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    flushAscii(i);
    let need = 0, lower = 0x80, upper = 0xbf, cp = 0;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
    if (need === 0) {
      out.push(CP1252[b - 0x80]!);
      invalid++;
      i++;
      run = i;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = j < n ? buf[j]! : -1;
      if (c < lower || c > upper) { ok = false; break; }
      lower = 0x80; upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok) out.push(String.fromCodePoint(cp));
    else { out.push(j - i === 1 ? CP1252[b - 0x80]! : '\ufffd'); invalid++; }
    // The byte that broke the sequence (if any) is read again as the start of the next one.
    i = j;
    run = i;
  }
  flushAscii(n);
  return { text: out.join(''), invalid };
}
