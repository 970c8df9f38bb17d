/**
 * Reads the CLI's input files (`-` is stdin) as a stream of text chunks, so a file of any size
 * is processed in bounded memory; one clear error per unreadable file.
 */
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export class InputError extends Error {}

/** About 1 MiB of text per chunk: big enough to amortise, small enough to bound memory. */
const CHUNK_BYTES = 1 << 20;

/** Size in bytes of a file, or null for stdin and unreadable paths (for progress bars). */
export function inputSize(path: string): number | null {
  if (path === '-') return null;
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * Yields the input as chunks of whole lines. A chunk never ends just before an indented line
 * (a continuation stays with the line it continues), so each chunk can be decoded alone.
 */
export async function* readInputChunks(path: string): AsyncGenerator<string> {
  const source =
    path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const piece of source) {
      pending += typeof piece === 'string' ? piece : decoder.write(piece as Buffer);
      const cut = lastSafeCut(pending);
      if (cut > 0) {
        yield pending.slice(0, cut);
        pending = pending.slice(cut);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot read ${path}: ${code}`);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

/** Reads a whole (small) input as text. */
export async function readInput(path: string): Promise<string> {
  let text = '';
  for await (const chunk of readInputChunks(path)) text += chunk;
  return text;
}

/** Index just past the last newline that is followed by a line starting in column one. */
function lastSafeCut(text: string): number {
  for (let at = text.lastIndexOf('\n'); at >= 0; at = text.lastIndexOf('\n', at - 1)) {
    const next = text.charAt(at + 1);
    if (next !== '' && next !== ' ' && next !== '\t') return at + 1;
    if (at === 0) break;
  }
  return 0;
}
