/**
 * The hot path from a transport message to the assembler: each line is decoded only when the
 * assembler may need it, and pushed as soon as it is decoded (so the decision for the next
 * line sees what this one opened). Gives the same events as decoding everything first.
 */
import { decodeMessage, type DecodeContext, type DecodeProblem } from '../decode/decode-message';
import type { ReportAssembler } from './assembler';

export interface FeedResult {
  /** Non-empty lines the message carried, decoded or not. */
  lines: number;
  problems: DecodeProblem[];
}

/** Decodes `body` into `assembler`. Never throws. */
export function feedMessage(
  assembler: ReportAssembler,
  body: unknown,
  context: DecodeContext,
): FeedResult {
  let lines = 0;
  const { problems } = decodeMessage(body, context, {
    onRecord: (record) => assembler.push(record),
    keepLine: (line) => {
      lines++;
      return assembler.mayNeed(line);
    },
  });
  return { lines, problems };
}
