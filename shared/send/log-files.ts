/**
 * Reads log files line by line for `oomwatch send`, turning each non-empty line into the
 * forwarder's envelope with the node it came from.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';

import type { OutgoingLine } from './batch-sender';
import { buildEnvelope, syslogHost } from './envelope';

/** Who the lines belong to: `node` overrides what the lines themselves say. */
export interface LineOrigin {
  cluster: string;
  node?: string;
}

/**
 * The node for one line: the `--node` option, else the host a syslog line names, else the
 * file's name without its extension (dmesg and journalctl output name no host).
 */
export function nodeForLine(line: string, file: string, origin: LineOrigin): string {
  return origin.node ?? syslogHost(line) ?? basename(file).replace(/\.[^.]*$/, '');
}

/** Yields every non-empty line of the files, in order, ready for `sendLines`. */
export async function* readLogLines(
  files: readonly string[],
  origin: LineOrigin,
  now: () => Date = () => new Date(),
): AsyncGenerator<OutgoingLine> {
  for (const file of files) {
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Infinity,
    });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;

      const node = nodeForLine(line, file, origin);
      const envelope = buildEnvelope(line, { cluster: origin.cluster, node }, now());
      yield { node, body: JSON.stringify(envelope), source: `${file}:${lineNumber}` };
    }
  }
}
