/**
 * Property tests: parsing never throws, never invents a kill, and gives the same per-node
 * events however the input is split into messages or interleaved with other nodes.
 */
import fc from 'fast-check';

import { decodeMessage } from '../shared/decode/decode-message';
import { parseLogText } from '../shared/parse-text';
import { ReportAssembler } from '../shared/report/assembler';
import { assembleParts, CONTEXT, killsOf, linesOf, loadSamples } from './support/samples';

const samples = loadSamples().filter((sample) => sample.reports.length > 0);
const RUNS = { numRuns: 100 };

/** Per-node event ids and victims, the facts a split or interleaving must not change. */
function byNode(records: ReturnType<typeof assembleParts>) {
  return killsOf(records)
    .map((event) => `${event.node}|${event.id}|${event.victim?.pid}|${event.scope}`)
    .sort();
}

/** Cuts lines into consecutive messages at the given fractions. */
function cut(lines: string[], fractions: number[]): string[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * lines.length)))].sort(
    (a, b) => a - b,
  );
  const parts: string[] = [];
  let from = 0;
  for (const point of [...points, lines.length]) {
    if (point > from) parts.push(lines.slice(from, point).join(''));
    from = Math.max(from, point);
  }
  return parts;
}

describe('never throws', () => {
  it('on random bytes, strings and JSON values, through decode and assembly', () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.json({ maxDepth: 12 }),
      fc.jsonValue({ maxDepth: 12 }),
    );
    fc.assert(
      fc.property(body, (value) => {
        const assembler = new ReportAssembler();
        for (const record of decodeMessage(value, CONTEXT).records) assembler.push(record);
        assembler.flush();
        assembler.take();
      }),
      { numRuns: 300 },
    );
  });

  it('on sample lines with random characters changed', () => {
    const lines = samples.flatMap((sample) => linesOf(sample.text));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...lines), { maxLength: 40 }),
        fc.string({ maxLength: 5 }),
        fc.nat(),
        (picked, noise, at) => {
          const text = picked.join('');
          const position = text.length === 0 ? 0 : at % text.length;
          parseLogText(text.slice(0, position) + noise + text.slice(position), CONTEXT);
        },
      ),
      RUNS,
    );
  });
});

describe('split and interleaving invariance', () => {
  const sample = fc.constantFrom(...samples);

  it('any batch split of a sample gives the same events', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (s, points) => {
        const lines = linesOf(s.text);
        expect(byNode(assembleParts(cut(lines, points)))).toEqual(byNode(assembleParts([s.text])));
      }),
      RUNS,
    );
  });

  it("several nodes' copies interleaved at random give each node's events alone", () => {
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 2, maxLength: 3 }),
        fc.array(fc.nat({ max: 2 }), { maxLength: 4000 }),
        (picked, choices) => {
          // Each copy is its own node: the transport names it (Event Hubs property).
          const streams = picked.map((s, index) => ({
            node: `node-${index}`,
            lines: linesOf(s.text),
            at: 0,
          }));
          const alone = streams.flatMap((stream) =>
            byNode(assembleParts([stream.lines.join('')], { ...CONTEXT, node: stream.node })),
          );

          const assembler = new ReportAssembler();
          let turn = 0;
          while (streams.some((stream) => stream.at < stream.lines.length)) {
            const open = streams.filter((stream) => stream.at < stream.lines.length);
            const stream = open[(choices[turn++] ?? 0) % open.length];
            if (!stream) break;
            const line = stream.lines[stream.at++] ?? '';
            for (const record of decodeMessage(line, { ...CONTEXT, node: stream.node }).records) {
              assembler.push(record);
            }
          }
          assembler.flush();
          expect(byNode(assembler.take().records)).toEqual(alone.sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('never invents a kill', () => {
  const garbageLine = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.constantFrom(
      'Killed process',
      'oom-kill:',
      'Out of memory: ',
      'Memory cgroup out of memory: ',
      ' invoked oom-killer: ',
      'total-vm:',
      'Tasks in / are going to be killed due to memory.oom.group set',
      '[ 12.5] ',
      'Jun 24 10:00:00 n1 kernel: ',
      ' (',
      ') ',
      ',pid=',
      ',uid=0',
    ),
    fc.integer({ min: 0, max: 99999 }).map(String),
  );
  const garbage = fc.array(
    fc.array(garbageLine, { maxLength: 8 }).map((parts) => parts.join('')),
    {
      maxLength: 30,
    },
  );

  it('every oom-kill victim pid appears in the input', () => {
    fc.assert(
      fc.property(garbage, (lines) => {
        const text = lines.join('\n');
        for (const event of killsOf(parseLogText(text, CONTEXT).records)) {
          if (event.victim) expect(text).toContain(String(event.victim.pid));
          for (const killed of event.killed) expect(text).toContain(String(killed.pid));
        }
      }),
      { numRuns: 400 },
    );
  });
});
