/**
 * The parse benchmark, run in its own process so its peak RSS is its own: streams a syslog
 * file in chunks, decodes each chunk of whole lines as one transport message (as the ingest
 * decodes a message), pushes every record into one ReportAssembler and takes the output after
 * each chunk, so memory stays flat. Then times `grep -cF 'oom-kill'` over the same file.
 *
 * Usage: node parse-worker.js FILE   (prints one JSON line)
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { feedMessage } from '../shared/report/feed-message';
import { ReportAssembler } from '../shared/report/assembler';

/** What one parse run measured. */
export interface ParseRun {
  bytes: number;
  lines: number;
  events: number;
  byScope: Record<string, number>;
  pressureRecords: number;
  seconds: number;
  cpuSeconds: number;
  grepSeconds: number;
  grepCount: number;
  peakRssMb: number;
}

const CHUNK_BYTES = 64 * 1024;

function parseFile(path: string): Omit<ParseRun, 'grepSeconds' | 'grepCount' | 'peakRssMb'> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  const assembler = new ReportAssembler();
  const context = { cluster: 'bench', referenceTime: new Date('2024-12-31T00:00:00Z') };
  const byScope: Record<string, number> = {};
  let events = 0;
  let pressureRecords = 0;
  let lines = 0;
  let carry = '';

  const collect = (): void => {
    for (const record of assembler.take().records) {
      if (record.kind === 'oom-kill') {
        events++;
        byScope[record.scope] = (byScope[record.scope] ?? 0) + 1;
      } else {
        pressureRecords++;
      }
    }
  };
  const feed = (text: string): void => {
    lines += feedMessage(assembler, text, context).lines;
    collect();
  };

  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (read === 0) break;
    const text = carry + decoder.write(buffer.subarray(0, read));
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(end + 1);
    feed(text.slice(0, end));
  }
  carry += decoder.end();
  if (carry !== '') feed(carry);
  assembler.flush();
  collect();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  closeSync(fd);

  return {
    bytes: statSync(path).size,
    lines,
    events,
    byScope,
    pressureRecords,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** Median wall time of `grep -cF 'oom-kill' FILE` over three runs, and its count. */
function timeGrep(path: string): { seconds: number; count: number } {
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    const output = execFileSync('grep', ['-cF', 'oom-kill', path], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    count = Number(output.trim());
  }
  times.sort((a, b) => a - b);
  return { seconds: times[1] ?? 0, count };
}

function main(): void {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: parse-worker FILE');
  // Warm the page cache first, so neither side pays for the disk.
  execFileSync('grep', ['-cF', 'oom-kill', path]);
  const run = parseFile(path);
  const grep = timeGrep(path);
  const result: ParseRun = {
    ...run,
    grepSeconds: grep.seconds,
    grepCount: grep.count,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
