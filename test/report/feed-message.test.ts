/**
 * The hot path skips decoding lines the assembler cannot need; it must give exactly the
 * records of decoding every line first.
 */
import fc from 'fast-check';
import { decodeMessage, type DecodeContext } from '../../shared/decode/decode-message';
import type { OomwatchRecord } from '../../shared/model/event';
import { ReportAssembler } from '../../shared/report/assembler';
import { feedMessage } from '../../shared/report/feed-message';
import { anyMutation, fuzzParameters, mutate, SAMPLE_LINES } from '../support/fuzz-inputs';

const CONTEXT: DecodeContext = {
  referenceTime: new Date('2026-12-01T00:00:00Z'),
  receivedAt: '2026-12-01T00:00:00.000Z',
  defaultCluster: 'c1',
};

// Reports of different nodes still open at the end are emitted in the order their nodes were
// first seen, and a skipped line is not a sighting: compare as sets, by id.
const byId = (a: OomwatchRecord, b: OomwatchRecord) => a.id.localeCompare(b.id);

function everyLine(text: string): OomwatchRecord[] {
  const assembler = new ReportAssembler();
  for (const record of decodeMessage(text, CONTEXT).records) assembler.push(record);
  assembler.flush();
  return assembler.take().records.sort(byId);
}

function skipping(text: string): OomwatchRecord[] {
  const assembler = new ReportAssembler();
  feedMessage(assembler, text, CONTEXT);
  assembler.flush();
  return assembler.take().records.sort(byId);
}

describe('feedMessage', () => {
  it.each(SAMPLE_LINES.map((sample) => [sample.file, sample.lines] as const))(
    'gives the same records as decoding every line of %s',
    (_file, lines) => {
      const text = lines.join('\n');
      expect(skipping(text)).toEqual(everyLine(text));
    },
  );

  it('gives the same records for mutated and concatenated samples', () => {
    const sample = fc.constantFrom(...SAMPLE_LINES);
    const input = fc.array(fc.tuple(sample, fc.array(anyMutation, { maxLength: 4 })), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(input, (parts) => {
        const text = parts.flatMap(([s, mutations]) => mutate(s.lines, mutations)).join('\n');
        expect(skipping(text)).toEqual(everyLine(text));
      }),
      fuzzParameters(300),
    );
  });

  it('counts every non-empty line, decoded or not', () => {
    const assembler = new ReportAssembler();
    const text = 'Dec  1 10:00:00 n1 kubelet[1]: ok\n\nDec  1 10:00:01 n1 systemd[1]: fine\n';
    expect(feedMessage(assembler, text, CONTEXT).lines).toBe(2);
  });
});
