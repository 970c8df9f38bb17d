/**
 * Fuzzing batch boundaries: the same messages, cut into Event Hubs batches anywhere, give the
 * same records and names when each batch runs on a fresh assembler restored from the state the
 * previous batch saved (through JSON, as `oompending` stores it), as in one uninterrupted run.
 */
import fc from 'fast-check';

import { decodeMessage, type DecodeContext } from '../../shared/decode/decode-message';
import {
  ReportAssembler,
  type AssemblerOutput,
  type AssemblerState,
} from '../../shared/report/assembler';
import {
  anyMutation,
  FUZZ_CONTEXT,
  fuzzParameters,
  interleavedNodes,
  mutatedSample,
  PROPERTY_TIMEOUT_MS,
} from '../support/fuzz-inputs';
import { killsOf } from '../support/samples';

interface Message {
  body: string;
  context: DecodeContext;
}

/** Pushes every record of `messages` into `assembler`. */
function feed(assembler: ReportAssembler, messages: readonly Message[]): void {
  for (const message of messages) {
    for (const record of decodeMessage(message.body, message.context).records) {
      assembler.push(record);
    }
  }
}

/** All messages through one assembler, flushed at the end. */
function uninterrupted(messages: readonly Message[]): AssemblerOutput {
  const assembler = new ReportAssembler();
  feed(assembler, messages);
  assembler.flush();
  return assembler.take();
}

/** Each batch on a new assembler restored from the previous batch's saved state. */
function batched(messages: readonly Message[], cuts: readonly number[]): AssemblerOutput {
  const bounds = [...new Set(cuts.map((f) => Math.floor(f * messages.length)))].sort(
    (a, b) => a - b,
  );
  const output: AssemblerOutput = { records: [], names: [] };
  let saved: string | null = null;
  let from = 0;
  for (const to of [...bounds, messages.length]) {
    const state: AssemblerState | undefined =
      saved === null ? undefined : (JSON.parse(saved) as AssemblerState);
    const assembler: ReportAssembler = new ReportAssembler(state);
    feed(assembler, messages.slice(from, to));
    if (to === messages.length) assembler.flush();
    const taken = assembler.take();
    output.records.push(...taken.records);
    output.names.push(...taken.names);
    saved = JSON.stringify(assembler.snapshot());
    from = Math.max(from, to);
  }
  return output;
}

/** Lines cut into consecutive non-empty parts at fractions of their count. */
function cutLines(lines: readonly string[], at: readonly number[]): string[][] {
  const bounds = [...new Set(at.map((f) => Math.floor(f * lines.length)))].sort((a, b) => a - b);
  const parts: string[][] = [];
  let from = 0;
  for (const to of [...bounds, lines.length]) {
    if (to > from) parts.push(lines.slice(from, to));
    from = Math.max(from, to);
  }
  return parts;
}

/** True when some bare line (no prefix of its own) follows a prefixed one. */
function continuesPrefixedLine(lines: readonly string[]): boolean {
  let prefixed = false;
  // A line may hold several records (rsyslog #012 escapes): each one counts.
  for (const line of lines) {
    for (const record of decodeMessage(line, FUZZ_CONTEXT).records) {
      if (!record.bare) prefixed = true;
      else if (prefixed) return true;
    }
  }
  return false;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

/** Asserts both runs agree, record for record, and returns how many kills they found. */
function expectSameOutput(messages: readonly Message[], at: readonly number[]): number {
  const whole = uninterrupted(messages);
  expect(batched(messages, at)).toEqual(whole);
  return killsOf(whole.records).length;
}

describe('any batch split', () => {
  it(
    'gives the same records and names for mutated reports, one line per message',
    () => {
      let kills = 0;
      fc.assert(
        fc.property(mutatedSample(anyMutation), cuts, ({ lines }, at) => {
          const messages = lines.map((body) => ({ body, context: FUZZ_CONTEXT }));
          kills += expectSameOutput(messages, at);
        }),
        fuzzParameters(300),
      );
      expect(kills).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives the same records and names for messages of several lines',
    () => {
      let kills = 0;
      fc.assert(
        fc.property(
          mutatedSample(anyMutation),
          fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }),
          cuts,
          ({ lines }, sizes, at) => {
            // The grouping of lines into messages is fixed; only the batch cuts vary.
            const messages: Message[] = [];
            for (let from = 0, turn = 0; from < lines.length; turn++) {
              const size = sizes[turn % sizes.length] ?? 1;
              messages.push({
                body: lines.slice(from, from + size).join('\n'),
                context: FUZZ_CONTEXT,
              });
              from += size;
            }
            kills += expectSameOutput(messages, at);
          },
        ),
        fuzzParameters(300),
      );
      expect(kills).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives the same records and names when each batch of lines is decoded as one message',
    () => {
      let kills = 0;
      fc.assert(
        fc.property(mutatedSample(anyMutation), cuts, ({ lines }, at) => {
          // NOTE: a bare line inherits node and time only from the line before it in the same
          // message, so a cut between a prefixed line and its bare continuation changes them
          // (found here: seed 883728815). Such inputs are left to the per-message properties.
          fc.pre(!continuesPrefixedLine(lines));
          const batches = cutLines(lines, at).map((part) => ({
            body: part.join('\n'),
            context: FUZZ_CONTEXT,
          }));
          const whole = uninterrupted([{ body: lines.join('\n'), context: FUZZ_CONTEXT }]);
          expect(
            batched(
              batches,
              batches.map((_, i) => i / batches.length),
            ),
          ).toEqual(whole);
          kills += killsOf(whole.records).length;
        }),
        fuzzParameters(300),
      );
      expect(kills).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives the same records and names for interleaved nodes of one partition',
    () => {
      let kills = 0;
      fc.assert(
        fc.property(interleavedNodes, cuts, (lines, at) => {
          const messages = lines.map(({ node, line }) => ({
            body: line,
            context: { ...FUZZ_CONTEXT, node },
          }));
          kills += expectSameOutput(messages, at);
        }),
        fuzzParameters(200),
      );
      expect(kills).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
