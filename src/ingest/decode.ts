/**
 * @module ingest/decode
 * Ingest helper: raw bytes -> text, or a reason they are not text.
 * - Binary (NUL bytes, known magic numbers) is refused.
 * - UTF-16 with a BOM is decoded as UTF-16 (the BOM dropped: offsets then index the decoded text).
 * - Valid UTF-8 is decoded exactly as `fs.readFileSync(p, 'utf8')` does, which KEEPS a UTF-8 BOM
 *   as U+FEFF at index 0, so offsets agree with ../shared/eval/score.mjs; the cleaner marks that
 *   character as a stripped range (`junk/bom`) instead of cutting it.
 * - Bytes that are not valid UTF-8 are decoded as Windows-1252 (the usual culprit), with a note.
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
  if (buf.subarray(0, 8192).includes(0)) return 'binary file (contains NUL bytes)';
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
  const enc = declared ?? 'windows-1252';
  return { ok: true, text: iconv.decode(Buffer.from(buf), enc), encoding: enc, note: `not valid UTF-8; decoded as ${declared ? declared : 'Windows-1252'}` };
}
