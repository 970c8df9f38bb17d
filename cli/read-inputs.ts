/** Reads the CLI's input files (`-` is stdin) with one clear error per unreadable file. */
import { readFile } from 'node:fs/promises';

export class InputError extends Error {}

/** Reads a file or stdin as UTF-8 text. */
export async function readInput(path: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot read ${path}: ${code}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
