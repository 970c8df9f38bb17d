/**
 * Fuzzing the decoder and assembler with real reports damaged the ways transport and pastes
 * damage them: cut, doubled and reordered lines, nodes interleaved, invalid UTF-8, 1 MiB lines
 * and deeply nested JSON. For every case decoding and assembly return (never throw) and every
 * victim or killed pid of an emitted kill occurs in the input as a whole number.
 */
import fc from 'fast-check';

import { decodeMessage, type DecodeContext } from '../../shared/decode/decode-message';
import { ReportAssembler } from '../../shared/report/assembler';
import {
  anyMutation,
  badBytes,
  deepEnvelope,
  duplication,
  FUZZ_CONTEXT,
  fuzzParameters,
  hugeLine,
  interleavedNodes,
  inventedPids,
  mutatedSample,
  nestEnvelope,
  nestedEnvelopeText,
  PROPERTY_TIMEOUT_MS,
  reordering,
  truncation,
  withBadBytes,
} from '../support/fuzz-inputs';
import { killsOf } from '../support/samples';

/** A transport message: its body and who sent it. */
interface Message {
  body: unknown;
  context: DecodeContext;
}

/** Decodes and assembles messages; the kill events and the input as text. */
function assemble(messages: readonly Message[]) {
  const assembler = new ReportAssembler();
  for (const message of messages) {
    for (const record of decodeMessage(message.body, message.context).records) {
      assembler.push(record);
    }
  }
  assembler.flush();
  return killsOf(assembler.take().records);
}

/** Counts the kills the cases of one property found, so a property is never vacuous. */
let kills = 0;
beforeEach(() => {
  kills = 0;
});
afterEach(() => {
  expect(kills).toBeGreaterThan(0);
});

/** Checks the kills of `messages` against `text`, the input as a reader sees it. */
function expectNoInventedKill(messages: readonly Message[], text: string): void {
  const events = assemble(messages);
  expect(inventedPids(events, text)).toEqual([]);
  kills += events.length;
}

/** One line per message, as the forwarder sends them. */
const perLine = (lines: readonly string[], context = FUZZ_CONTEXT): Message[] =>
  lines.map((body) => ({ body, context }));

describe('mutated real reports', () => {
  it.each([
    ['truncated', truncation],
    ['duplicated', duplication],
    ['reordered within a node', reordering],
    ['mixed (cut, doubled, moved, noise)', anyMutation],
  ])(
    'never throw and never invent a kill with lines %s',
    (_, mutation) => {
      fc.assert(
        fc.property(mutatedSample(mutation), fc.boolean(), ({ lines }, oneMessage) => {
          const messages = oneMessage ? perLine([lines.join('\n')]) : perLine(lines);
          expectNoInventedKill(messages, lines.join('\n'));
        }),
        fuzzParameters(400),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throw and never invent a kill with nodes interleaved in one partition',
    () => {
      fc.assert(
        fc.property(interleavedNodes, (lines) => {
          const messages = lines.map(({ node, line }) => ({
            body: line,
            context: { ...FUZZ_CONTEXT, node },
          }));
          expectNoInventedKill(messages, lines.map(({ line }) => line).join('\n'));
        }),
        fuzzParameters(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throw and never invent a kill with invalid UTF-8 in Buffer bodies',
    () => {
      fc.assert(
        fc.property(
          mutatedSample(anyMutation, 3),
          badBytes,
          fc.boolean(),
          ({ lines }, [at, picks], oneMessage) => {
            const parts = oneMessage ? [lines.join('\n')] : lines;
            const bodies = parts.map((part) => withBadBytes(part, at, picks));
            const messages = bodies.map((body) => ({ body, context: FUZZ_CONTEXT }));
            // What the decoder reads: bad bytes become U+FFFD, never digits.
            const text = bodies.map((body) => body.toString('utf8')).join('\n');
            expectNoInventedKill(messages, text);
          },
        ),
        fuzzParameters(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throw and never invent a kill with 1 MiB lines inside a report',
    () => {
      fc.assert(
        fc.property(
          mutatedSample(anyMutation, 2),
          hugeLine,
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.boolean(),
          ({ lines }, huge, where, oneMessage) => {
            const at = Math.floor(where * lines.length);
            const withHuge = [...lines.slice(0, at), huge, ...lines.slice(at)];
            const messages = oneMessage ? perLine([withHuge.join('\n')]) : perLine(withHuge);
            expectNoInventedKill(messages, withHuge.join('\n'));
          },
        ),
        fuzzParameters(40, 0.1),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throw and never invent a kill in deeply nested JSON envelopes, text or parsed',
    () => {
      fc.assert(
        fc.property(
          mutatedSample(anyMutation, 3),
          deepEnvelope,
          ({ lines }, [depth, kinds, key, asText]) => {
            const line = { [key]: lines.join('\n') };
            const text = nestedEnvelopeText(line, depth, kinds);
            const body = asText ? text : nestEnvelope(line, depth, kinds);
            const decoded = decodeMessage(body, FUZZ_CONTEXT);
            // Too deep to follow is a dead letter, never a partial read.
            if (depth > 8) expect(decoded.records).toEqual([]);
            if (depth > 8) expect(decoded.problems.some((p) => p.code === 'too-deep')).toBe(true);
            expectNoInventedKill([{ body, context: FUZZ_CONTEXT }], text);
          },
        ),
        fuzzParameters(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
