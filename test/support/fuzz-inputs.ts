/**
 * fast-check arbitraries for the fuzz suites: real sample reports (test/fixtures/samples)
 * mutated the ways forwarders and pastes damage them, and the encodings they arrive in.
 * `OOMWATCH_FUZZ_RUNS` sets the cases per property (`npm run fuzz` asks for 100,000).
 */
import fc from 'fast-check';

import { type DecodeContext } from '../../shared/decode/decode-message';
import type { OomKillEvent } from '../../shared/model/event';
import { CONTEXT, loadSamples } from './samples';

/**
 * Cases per property: `quick` in `npm test`; with `OOMWATCH_FUZZ_RUNS` set, that many times
 * `share` (costly properties, e.g. 1 MiB lines, take a tenth).
 */
export function fuzzRuns(quick: number, share = 1): number {
  const runs = Number(process.env.OOMWATCH_FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? Math.max(quick, Math.round(runs * share)) : quick;
}

/** True when `npm run fuzz` (or anyone) asked for more cases than `npm test` runs. */
export const LONG_RUN = process.env.OOMWATCH_FUZZ_RUNS !== undefined;

/** Jest timeout of one property: a minute in `npm test`, unbounded in a long run. */
export const PROPERTY_TIMEOUT_MS = LONG_RUN ? 24 * 3600_000 : 60_000;

/** fast-check parameters of a property; `OOMWATCH_FUZZ_SEED` replays a reported failure. */
export function fuzzParameters(quick: number, share = 1): fc.Parameters<unknown> {
  const seed = Number(process.env.OOMWATCH_FUZZ_SEED);
  return {
    numRuns: fuzzRuns(quick, share),
    ...(Number.isInteger(seed) ? { seed } : {}),
  };
}

/** One real sample log as lines (no newlines), with its file name for failure messages. */
export interface SampleLines {
  file: string;
  lines: string[];
}

/** Every sample that holds at least one OOM report. */
export const SAMPLE_LINES: SampleLines[] = loadSamples()
  .filter((sample) => sample.reports.length > 0)
  .map((sample) => ({
    file: sample.file,
    lines: sample.text.split('\n').filter((line) => line.trim() !== ''),
  }));

/** A damage done to a node's lines. Positions are fractions of the line count. */
export type Mutation =
  | { kind: 'truncate'; at: number; keep: number }
  | { kind: 'duplicate'; at: number; to: number }
  | { kind: 'reorder'; at: number; by: number }
  | { kind: 'noise'; at: number; text: string };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const truncation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('truncate' as const),
  at: fraction,
  keep: fraction,
});

export const duplication: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('duplicate' as const),
  at: fraction,
  to: fraction,
});

/** Moves a line up to 4 places forward or back: reordering within one node. */
export const reordering: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('reorder' as const),
  at: fraction,
  by: fc.integer({ min: -4, max: 4 }),
});

/** Fragments of kernel lines that make a parser look twice. */
const KERNEL_FRAGMENTS = [
  'Killed process ',
  'oom-kill:constraint=CONSTRAINT_MEMCG,',
  ',pid=',
  ',task_memcg=/kubepods.slice',
  ' invoked oom-killer: ',
  'Memory cgroup out of memory: ',
  'Out of memory: Kill process ',
  'Tasks in / are going to be killed due to memory.oom.group set',
  'Memory cgroup stats for /',
  ' total-vm:',
  ' (',
  ') ',
  '[ 12.500000] ',
  'Jun 24 10:00:00 n1 kernel: ',
  '#012',
  '\r',
  '--',
];

export const noise: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('noise' as const),
  at: fraction,
  text: fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(fc.constantFrom(...KERNEL_FRAGMENTS), { maxLength: 5 }).map((p) => p.join('')),
  ),
});

export const anyMutation = fc.oneof(truncation, duplication, reordering, noise);

function index(at: number, length: number): number {
  return Math.min(length - 1, Math.floor(at * length));
}

/** Applies mutations in order to a copy of `lines`. */
export function mutate(lines: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = [...lines];
  for (const mutation of mutations) {
    if (out.length === 0) break;
    const at = index(mutation.at, out.length);
    const line = out[at] ?? '';
    switch (mutation.kind) {
      case 'truncate':
        out[at] = line.slice(0, Math.floor(mutation.keep * line.length));
        break;
      case 'duplicate':
        out.splice(at + 1 + Math.floor(mutation.to * (out.length - at)), 0, line);
        break;
      case 'reorder': {
        const to = Math.max(0, Math.min(out.length - 1, at + mutation.by));
        out.splice(at, 1);
        out.splice(to, 0, line);
        break;
      }
      case 'noise': {
        const position = Math.floor(mutation.at * line.length);
        out[at] = line.slice(0, position) + mutation.text + line.slice(position);
        break;
      }
    }
  }
  return out;
}

/** A sample's lines after some mutations of the given kinds. */
export function mutatedSample(
  mutation: fc.Arbitrary<Mutation>,
  maxMutations = 6,
): fc.Arbitrary<{ file: string; lines: string[] }> {
  return fc
    .tuple(fc.constantFrom(...SAMPLE_LINES), fc.array(mutation, { maxLength: maxMutations }))
    .map(([sample, mutations]) => ({ file: sample.file, lines: mutate(sample.lines, mutations) }));
}

/** A node's stream of lines, named by the transport as the Event Hubs property would. */
export interface NodeStream {
  node: string;
  lines: string[];
}

/** Interleaves streams by the turn choices (each choice picks among unfinished streams). */
export function interleave(
  streams: readonly NodeStream[],
  choices: readonly number[],
): { node: string; line: string }[] {
  const at = streams.map(() => 0);
  const out: { node: string; line: string }[] = [];
  let turn = 0;
  for (;;) {
    const open = streams
      .map((stream, i) => ({ stream, i }))
      .filter(({ stream, i }) => (at[i] ?? 0) < stream.lines.length);
    if (open.length === 0) return out;
    const pick = open[(choices[turn++] ?? turn) % open.length];
    if (pick === undefined) return out;
    const position = at[pick.i] ?? 0;
    out.push({ node: pick.stream.node, line: pick.stream.lines[position] ?? '' });
    at[pick.i] = position + 1;
  }
}

/** Two or three mutated samples, each its own node, interleaved at random. */
export const interleavedNodes = fc
  .tuple(
    fc.array(mutatedSample(anyMutation, 3), { minLength: 2, maxLength: 3 }),
    fc.array(fc.nat({ max: 5 }), { maxLength: 400 }),
  )
  .map(([samples, choices]) =>
    interleave(
      samples.map((sample, i) => ({ node: `fuzz-node-${i}`, lines: sample.lines })),
      choices,
    ),
  );

/** Byte sequences no UTF-8 decoder accepts: stray continuation, overlong, surrogate, > U+10FFFF. */
const BAD_UTF8 = [
  [0xff],
  [0x80],
  [0xc3],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xfe, 0xfe, 0xff],
];

/** Text encoded as UTF-8 with invalid byte sequences spliced in at fractions of its length. */
export function withBadBytes(text: string, at: readonly number[], picks: readonly number[]) {
  const bytes = Buffer.from(text, 'utf8');
  const positions = at.map((f) => Math.floor(f * bytes.length)).sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  positions.forEach((position, i) => {
    parts.push(bytes.subarray(from, position));
    parts.push(Buffer.from(BAD_UTF8[(picks[i] ?? 0) % BAD_UTF8.length] ?? [0xff]));
    from = position;
  });
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

export const badBytes = fc.tuple(
  fc.array(fraction, { minLength: 1, maxLength: 6 }),
  fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
);

/** One mebibyte. */
export const MIB = 1 << 20;

/** A 1 MiB line: a real line's start, then one fragment repeated (kernel-ish or not). */
export const hugeLine = fc
  .tuple(
    fc.constantFrom(...SAMPLE_LINES.flatMap((sample) => sample.lines)),
    fraction,
    fc.oneof(
      fc.constantFrom(...KERNEL_FRAGMENTS, 'a', '0123456789', ' ', '/kubepods.slice', '(x) '),
      fc.string({ minLength: 1, maxLength: 12 }),
    ),
  )
  .map(([line, keep, fragment]) => {
    const head = line.slice(0, Math.floor(keep * line.length));
    const body = fragment.repeat(Math.ceil((MIB - head.length) / fragment.length));
    return (head + body).slice(0, MIB);
  });

/** Wraps an envelope in `depth` levels of arrays and `{"records": …}` objects. */
export function nestEnvelope(envelope: unknown, depth: number, kinds: readonly boolean[]) {
  let value = envelope;
  for (let level = 0; level < depth; level++) {
    value = isRecordsLevel(kinds, level) ? { records: [value] } : [value];
  }
  return value;
}

/**
 * The JSON text of {@link nestEnvelope}, built without recursion: JSON.stringify overflows the
 * stack on 10,000 levels.
 */
export function nestedEnvelopeText(envelope: unknown, depth: number, kinds: readonly boolean[]) {
  const open: string[] = [];
  const close: string[] = [];
  for (let level = depth - 1; level >= 0; level--) {
    const records = isRecordsLevel(kinds, level);
    open.push(records ? '{"records":[' : '[');
    close.push(records ? ']}' : ']');
  }
  return open.join('') + JSON.stringify(envelope) + close.reverse().join('');
}

function isRecordsLevel(kinds: readonly boolean[], level: number): boolean {
  return kinds[level % Math.max(1, kinds.length)] === true;
}

/** JSON envelopes of lines, nested from 0 to 12 levels (the decoder stops at 8) or 10,000. */
export const deepEnvelope = fc.tuple(
  fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.constant(10_000) },
  ),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  fc.constantFrom('log', 'message', 'MESSAGE', 'msg'),
  fc.boolean(),
);

/** The decode context of every fuzz case (fixed reference time, default node). */
export const FUZZ_CONTEXT: DecodeContext = CONTEXT;

/** True when `pid` occurs in `text` as a whole number. */
export function mentionsPid(text: string, pid: number): boolean {
  return new RegExp(`(?<![0-9])${pid}(?![0-9])`).test(text);
}

/** Pids of events that occur nowhere in the input text (an invented kill); [] is good. */
export function inventedPids(events: readonly OomKillEvent[], text: string): number[] {
  const pids = events.flatMap((event) => [
    ...(event.victim ? [event.victim.pid] : []),
    ...event.killed.map((killed) => killed.pid),
  ]);
  return [...new Set(pids)].filter((pid) => !mentionsPid(text, pid));
}
