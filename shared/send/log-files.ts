/**
 * Reads log files line by line for `oomwatch send`, turning each non-empty line into the
 * forwarder's envelope with the node it came from.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';

import { isContinuationLine } from '../decode/line-prefix';
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

/**
 * Yields every non-empty line of the files, in order, ready for `sendLines`. Indented
 * continuation lines travel in the envelope of the line they continue (as journald keeps a
 * multi-line printk in one entry), so they keep its node and time.
 */
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
    let held: { text: string; node: string; source: string } | null = null;
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      if (held && isContinuationLine(line)) {
        held.text += `\n${line}`;
        continue;
      }
      if (held) yield outgoing(held, origin, now());
      held = { text: line, node: nodeForLine(line, file, origin), source: `${file}:${lineNumber}` };
    }
    if (held) yield outgoing(held, origin, now());
  }
}

function outgoing(
  held: { text: string; node: string; source: string },
  origin: LineOrigin,
  readAt: Date,
): OutgoingLine {
  const envelope = buildEnvelope(held.text, { cluster: origin.cluster, node: held.node }, readAt);
  return { node: held.node, body: JSON.stringify(envelope), source: held.source };
}
