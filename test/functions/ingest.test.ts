/**
 * The Event Hubs function end to end against Azurite: the real handler, a real
 * InvocationContext with trigger metadata, the real tables.
 */
import { handleIngest } from '../../functions/ingest';
import { parseLogText } from '../../shared/parse-text';
import { EventStore } from '../../shared/storage/event-store';
import { getTableClients } from '../../shared/storage/table-client-factory';
import { listDeadLetters } from '../../shared/storage/dead-letters';
import {
  invocation,
  linesOf,
  sampleText,
  triggerInput,
  uniqueNamespace,
} from '../support/ingest-fixtures';

const store = () => new EventStore(getTableClients());
let clusterCount = 0;
const uniqueCluster = (label: string) => `${label}-${Date.now().toString(36)}-${clusterCount++}`;

/** Sends lines to the function as consecutive batches cut at `cuts` (line indexes). */
async function deliver(lines: string[], cuts: number[], stream: string, cluster: string) {
  const bounds = [0, ...cuts, lines.length];
  for (let index = 0; index + 1 < bounds.length; index++) {
    const [from, to] = [bounds[index] ?? 0, bounds[index + 1] ?? 0];
    const input = triggerInput(lines.slice(from, to), {
      namespace: stream,
      partitionId: '0',
      firstSequence: from,
      cluster,
    });
    await handleIngest(input.messages, invocation(input.metadata));
  }
}

/** Sends one more message, a minute after every line, so idle reports are flushed. */
async function finish(lines: string[], stream: string, cluster: string) {
  const input = triggerInput(['-- end --'], {
    namespace: stream,
    partitionId: '0',
    firstSequence: lines.length,
    cluster,
    enqueuedAt: new Date(Date.parse('2026-12-01T10:00:00Z') + lines.length * 10 + 60_000),
  });
  await handleIngest(input.messages, invocation(input.metadata));
}

async function storedIds(cluster: string): Promise<string[]> {
  const page = await store().listEvents({ cluster, limit: 1000 });
  return page.events.map((event) => event.id).sort();
}

function expectedIds(text: string, cluster: string): string[] {
  const parsed = parseLogText(text, { defaultCluster: cluster, cluster });
  return parsed.records
    .filter((record) => record.kind === 'oom-kill')
    .map((record) => record.id)
    .sort();
}

describe('ingest function', () => {
  it.each([
    '05-aks-syslog-oomgroup-oom_memcg-kubepods.slice.log',
    '18-uos-loongarch-syslog-guaranteed-pod-limit-callbacks-suppressed-taskoom.log',
    '34-docker-for-linux1001-syslog-global-oom-nested-parens-resolved.log',
  ])('stores the same events whatever line boundary splits %s across two batches', async (file) => {
    const lines = linesOf(sampleText(file));
    for (let cut = 1; cut < lines.length; cut++) {
      const cluster = uniqueCluster('split');
      const stream = uniqueNamespace();
      await deliver(lines, [cut], stream, cluster);
      await finish(lines, stream, cluster);
      expect(await storedIds(cluster)).toEqual(expectedIds(lines.join('\n'), cluster));
    }
  });

  it('stores nothing twice when every batch is delivered again', async () => {
    const lines = linesOf(sampleText('03-cadvisor-docker-cgroupfs-kernel4.8-two-ooms.log'));
    const cluster = uniqueCluster('replay');
    const stream = uniqueNamespace();
    const cuts = [20, 50, 80];

    await deliver(lines, cuts, stream, cluster);
    await deliver(lines, cuts, stream, cluster);
    await finish(lines, stream, cluster);
    await deliver(lines, cuts, stream, cluster);

    const ids = await storedIds(cluster);
    expect(ids).toHaveLength(2);
    expect(ids).toEqual(expectedIds(lines.join('\n'), cluster));
  });

  it('keeps two nodes interleaved in one partition apart', async () => {
    const aks = linesOf(sampleText('05-aks-syslog-oomgroup-oom_memcg-kubepods.slice.log'));
    const k3s = linesOf(sampleText('12-blog-k3s-syslog-global-oom-besteffort-cgroupfs.log'));
    const interleaved: string[] = [];
    for (let index = 0; index < Math.max(aks.length, k3s.length); index++) {
      if (aks[index]) interleaved.push(aks[index] ?? '');
      if (k3s[index]) interleaved.push(k3s[index] ?? '');
    }
    const cluster = uniqueCluster('nodes');
    const stream = uniqueNamespace();
    await deliver(interleaved, [3], stream, cluster);
    await finish(interleaved, stream, cluster);

    const page = await store().listEvents({ cluster, limit: 10 });
    const byNode: Record<string, unknown> = Object.fromEntries(
      page.events.map((event): [string, unknown] => [
        event.node ?? '',
        [event.scope, event.victim?.pid],
      ]),
    );
    expect(byNode).toEqual({
      'aks-nodepool1-31060421-vmss000002': ['node', 68061],
      'node-a': ['global', 19227],
    });
  });

  it('dead-letters a poison message and stores the rest of the batch', async () => {
    const lines = linesOf(sampleText('14-notes-k3s-dmesg-grep-oomgroup-container-limit.log'));
    const poisoned = [...lines.slice(0, 2), '{"log": "unterminated', ...lines.slice(2)];
    const cluster = uniqueCluster('poison');
    const stream = uniqueNamespace();
    const partitionId = `p-${cluster}`;
    const input = triggerInput(poisoned, {
      namespace: stream,
      partitionId,
      firstSequence: 0,
      cluster,
    });
    await handleIngest(input.messages, invocation(input.metadata));
    await handleIngest(input.messages, invocation(input.metadata));
    const end = triggerInput(['x'], {
      namespace: stream,
      partitionId,
      firstSequence: poisoned.length,
      cluster,
      enqueuedAt: new Date('2026-12-01T11:00:00Z'),
    });
    await handleIngest(end.messages, invocation(end.metadata));

    const letters = await listDeadLetters(
      getTableClients().deadLetters,
      `${stream}/syslog/oomwatch`,
      partitionId,
    );
    expect(letters.map((letter) => [letter.sequenceNumber, letter.body])).toEqual([
      [2, '{"log": "unterminated'],
    ]);
    expect(letters[0]?.reason).toMatch(/^bad-json: malformed JSON/);
    const page = await store().listEvents({ cluster, limit: 10 });
    expect(page.events.map((event) => [event.victim?.pid, event.groupKill])).toEqual([
      [796205, true],
    ]);
  });
});

describe('ingest function, hostile transport', () => {
  it('treats an unstorable time (Go zero time) as unreadable and stores the kill', async () => {
    const cluster = uniqueCluster('zero-time');
    const stream = uniqueNamespace();
    const record = (message: string) =>
      JSON.stringify({ time: '0001-01-01T00:00:00Z', node: 'n1', MESSAGE: message });
    const lines = [
      record(
        'Out of memory: Killed process 4242 (app) total-vm:1000kB, anon-rss:500kB, file-rss:0kB',
      ),
    ];
    await deliver(lines, [], stream, cluster);
    await finish(lines, stream, cluster);

    const page = await store().listEvents({ cluster, limit: 10 });
    expect(page.events.map((event) => [event.victim?.pid, event.time, event.scope])).toEqual([
      [4242, null, 'global'],
    ]);
  });

  it('records a gap in sequence numbers as a dead letter', async () => {
    const cluster = uniqueCluster('gap');
    const stream = uniqueNamespace();
    const first = triggerInput(['a'], {
      namespace: stream,
      partitionId: '0',
      firstSequence: 10,
      cluster,
    });
    await handleIngest(first.messages, invocation(first.metadata));
    const later = triggerInput(['b'], {
      namespace: stream,
      partitionId: '0',
      firstSequence: 15,
      cluster,
    });
    await handleIngest(later.messages, invocation(later.metadata));

    const letters = await listDeadLetters(
      getTableClients().deadLetters,
      `${stream}/syslog/oomwatch`,
      '0',
    );
    expect(letters.map((letter) => [letter.sequenceNumber, letter.reason])).toEqual([
      [11, 'gap: messages 11-14 were never processed'],
    ]);
  });

  it('indexes an earlier kill by namespace once a later batch names its pod', async () => {
    const lines = linesOf(sampleText('05-aks-syslog-oomgroup-oom_memcg-kubepods.slice.log'));
    const cluster = uniqueCluster('late-name');
    const stream = uniqueNamespace();
    await deliver(lines, [], stream, cluster);
    await finish(lines, stream, cluster);
    const naming =
      'Jun 24 18:55:00 aks-nodepool1-31060421-vmss000002 containerd[900]: level=info ' +
      'msg="RunPodSandbox for &PodSandboxMetadata{Name:stress-1,' +
      'Uid:10d16a28-60ff-475f-a631-510d9792219f,Namespace:load,Attempt:0,} returns sandbox id ' +
      `\\"${'c'.repeat(64)}\\""`;
    const named = triggerInput([naming], {
      namespace: stream,
      partitionId: '0',
      firstSequence: lines.length + 1,
      cluster,
    });
    await handleIngest(named.messages, invocation(named.metadata));

    const page = await store().listEvents({ cluster, namespace: 'load', limit: 10 });
    expect(page.events.map((event) => [event.victim?.pid, event.pod?.name])).toEqual([
      [68061, 'stress-1'],
    ]);
  });
});
