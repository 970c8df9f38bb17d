/**
 * Convenience for whole inputs (files, pasted text, tests): decode every line, assemble, and
 * flush at the end. The streaming path (ingest) uses the same decoder and assembler.
 */
import type { DecodeContext, DecodeProblem } from './decode/decode-message';
import type { OomwatchRecord } from './model/event';
import type { NameFact } from './names/name-book';
import { ReportAssembler } from './report/assembler';
import { feedMessage } from './report/feed-message';

export interface ParseResult {
  records: OomwatchRecord[];
  names: NameFact[];
  problems: DecodeProblem[];
}

/** Parses a whole log text into records. Never throws. */
export function parseLogText(text: string, context: DecodeContext = {}): ParseResult {
  const assembler = new ReportAssembler();
  const { problems } = feedMessage(assembler, text, context);
  assembler.flush();
  const output = assembler.take();
  return { records: output.records, names: output.names, problems };
}
