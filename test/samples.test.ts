/**
 * Table test over the real sample logs: each gives exactly the facts in expected.json, in
 * order, and no other oom-kill event, whole, split at every line into two messages, and across
 * a simulated restart (state saved as JSON and read back) at every line.
 */
import type { OomKillEvent } from '../shared/model/event';
import { parseLogText } from '../shared/parse-text';
import { ReportAssembler } from '../shared/report/assembler';
import { decodeMessage } from '../shared/decode/decode-message';
import {
  assembleParts,
  CONTEXT,
  killsOf,
  linesOf,
  loadSamples,
  type ExpectedReport,
} from './support/samples';

const samples = loadSamples();

/** The facts expected.json records, read from an event. */
function factsOf(event: OomKillEvent): Omit<ExpectedReport, 'row'> {
  return {
    scope: event.scope,
    victim: event.victim ? { pid: event.victim.pid, name: event.victim.name } : null,
    constraint: event.constraint,
    oomCgroup: event.oomCgroup,
    taskCgroup: event.taskCgroup,
    podUid: event.pod?.uid ?? null,
    containerId: event.container?.id ?? null,
    qosClass: event.pod?.qosClass ?? null,
    usageKb: event.memcg?.usageKb ?? null,
    limitKb: event.memcg?.limitKb ?? null,
    anonRssKb: event.victim?.anonRssKb ?? null,
    fileRssKb: event.victim?.fileRssKb ?? null,
    shmemRssKb: event.victim?.shmemRssKb ?? null,
    groupKill: event.groupKill,
    killedPids: event.killed.map((killed) => killed.pid),
  };
}

function expectedFacts(report: ExpectedReport): Omit<ExpectedReport, 'row'> {
  return {
    scope: report.scope,
    victim: report.victim,
    constraint: report.constraint,
    oomCgroup: report.oomCgroup,
    taskCgroup: report.taskCgroup,
    podUid: report.podUid,
    containerId: report.containerId,
    qosClass: report.qosClass,
    usageKb: report.usageKb,
    limitKb: report.limitKb,
    anonRssKb: report.anonRssKb,
    fileRssKb: report.fileRssKb,
    shmemRssKb: report.shmemRssKb,
    groupKill: report.groupKill,
    killedPids: report.killedPids,
  };
}

/** Ids and facts: what must not change however the input is cut. */
function summary(events: OomKillEvent[]) {
  return events.map((event) => ({ id: event.id, ...factsOf(event) }));
}

it('finds the samples', () => {
  expect(samples.length).toBe(20);
});

describe.each(samples.map((sample) => [sample.file, sample] as const))('%s', (_file, sample) => {
  const parsed = parseLogText(sample.text, CONTEXT);
  const whole = killsOf(parsed.records);
  const lines = linesOf(sample.text);

  it('gives exactly the expected reports, in order, and no other oom-kill event', () => {
    expect(whole.map(factsOf)).toEqual(sample.reports.map(expectedFacts));
  });

  it('reads as a log without decode problems', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('gives the same events when split into two messages at any line', () => {
    for (let at = 1; at < lines.length; at++) {
      const parts = [lines.slice(0, at).join(''), lines.slice(at).join('')];
      const events = killsOf(assembleParts(parts));
      expect({ at, events: summary(events) }).toEqual({ at, events: summary(whole) });
    }
  });

  it('gives the same events across a restart at any line', () => {
    for (let at = 1; at < lines.length; at++) {
      const first = new ReportAssembler();
      for (const record of decodeMessage(lines.slice(0, at).join(''), CONTEXT).records) {
        first.push(record);
      }
      const before = killsOf(first.take().records);
      const saved = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<
        ReportAssembler['snapshot']
      >;
      const after = killsOf(
        assembleParts([lines.slice(at).join('')], CONTEXT, new ReportAssembler(saved)),
      );
      expect({ at, events: summary([...before, ...after]) }).toEqual({
        at,
        events: summary(whole),
      });
    }
  });
});
