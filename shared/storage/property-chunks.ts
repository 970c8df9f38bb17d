/**
 * Splits long strings across numbered properties (`name_0`, `name_1`, …): a string property
 * holds at most 64 KiB of UTF-16, i.e. 32 K characters (Azurite: 32768 accepted, 32769 not).
 */

/** Characters per chunk, a little under the 32 K limit. */
export const CHUNK_CHARS = 32_000;

/** Splits text into chunks of at most {@link CHUNK_CHARS}, never between a surrogate pair. */
export function splitIntoChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    // A lone surrogate would not survive UTF-8 on the wire, so keep each pair whole.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** Writes `text` as `name_0…name_n` properties of `target`. */
export function writeChunks(target: Record<string, unknown>, name: string, text: string): void {
  splitIntoChunks(text).forEach((chunk, index) => {
    target[`${name}_${index}`] = chunk;
  });
}

/** Reads back what {@link writeChunks} wrote, or undefined when there is no `name_0`. */
export function readChunks(source: Record<string, unknown>, name: string): string | undefined {
  const parts: string[] = [];
  for (let index = 0; ; index += 1) {
    const part = source[`${name}_${index}`];
    if (typeof part !== 'string') break;
    parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('');
}

/** The JSON of the longest prefix of `items` that fits in `budget` characters. */
export function fitJsonArray(
  items: readonly unknown[],
  budget: number,
): { json: string; kept: number } {
  const pieces: string[] = [];
  let length = 2; // the brackets
  for (const item of items) {
    const piece = JSON.stringify(item);
    const added = piece.length + (pieces.length > 0 ? 1 : 0);
    if (length + added > budget) break;
    pieces.push(piece);
    length += added;
  }
  return { json: `[${pieces.join(',')}]`, kept: pieces.length };
}

/** The JSON of as many leading entries of `record` as fit in `budget` characters. */
export function fitJsonRecord(
  record: Readonly<Record<string, unknown>>,
  budget: number,
): { json: string; kept: number } {
  const pieces: string[] = [];
  let length = 2; // the braces
  for (const [key, value] of Object.entries(record)) {
    const piece = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const added = piece.length + (pieces.length > 0 ? 1 : 0);
    if (length + added > budget) break;
    pieces.push(piece);
    length += added;
  }
  return { json: `{${pieces.join(',')}}`, kept: pieces.length };
}
