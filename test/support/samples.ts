/** Loads the real sample logs and their expected facts (test/fixtures/samples). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeMessage, type DecodeContext } from '../../shared/decode/decode-message';
import type { OomKillEvent, OomwatchRecord } from '../../shared/model/event';
import { ReportAssembler } from '../../shared/report/assembler';

export const SAMPLES_DIR = join(__dirname, '..', 'fixtures', 'samples');

/** The facts expected.json gives for one OOM report. */
export interface ExpectedReport {
  row: string;
  scope: string;
  victim: { pid: number; name: string } | null;
  constraint: string | null;
  oomCgroup: string | null;
  taskCgroup: string | null;
  podUid: string | null;
  containerId: string | null;
  qosClass: string | null;
  usageKb: number | null;
  limitKb: number | null;
  anonRssKb: number | null;
  fileRssKb: number | null;
  shmemRssKb: number | null;
  groupKill: boolean;
  killedPids: number[];
}

export interface Sample {
  file: string;
  text: string;
  reports: ExpectedReport[];
}

/** Every sample named in expected.json (its `_related` notes are not samples). */
export function loadSamples(): Sample[] {
  const expected = JSON.parse(readFileSync(join(SAMPLES_DIR, 'expected.json'), 'utf8')) as Record<
    string,
    { reports?: ExpectedReport[] }
  >;
  return Object.entries(expected)
    .filter(([file, entry]) => file.endsWith('.log') && Array.isArray(entry.reports))
    .map(([file, entry]) => ({
      file,
      text: readFileSync(join(SAMPLES_DIR, file), 'utf8'),
      reports: entry.reports ?? [],
    }));
}

/** A fixed reference time, so yearless syslog dates give the same year on every run. */
export const REFERENCE_TIME = new Date('2025-07-01T00:00:00Z');

/** The same context for every parse in these tests. */
export const CONTEXT: DecodeContext = { referenceTime: REFERENCE_TIME, defaultNode: 'node-a' };

/** The oom-kill events among records. */
export function killsOf(records: OomwatchRecord[]): OomKillEvent[] {
  return records.filter((record): record is OomKillEvent => record.kind === 'oom-kill');
}

/** Decodes each part as its own message and pushes it through one assembler. */
export function assembleParts(
  parts: string[],
  context: DecodeContext = CONTEXT,
  assembler = new ReportAssembler(),
): OomwatchRecord[] {
  for (const part of parts) {
    for (const record of decodeMessage(part, context).records) assembler.push(record);
  }
  assembler.flush();
  return assembler.take().records;
}

/** Splits text into lines, each with its newline, so joining the pieces gives the text back. */
export function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
