/**
 * Storage faults during ingest: the real ingest core, fed real trigger metadata, writes through
 * a loopback proxy that answers 503s, holds requests until the connection is cut, and resets
 * connections before or after Azurite applied the request. The SDK's own retry policy stays on;
 * a batch that still throws is delivered again, as the Functions host does. Afterwards every
 * table equals a fault-free run of the same batches into other tables: nothing lost, nothing
 * written twice, the same dead letters and the same saved assembler state.
 */
import { batchFromTrigger, type IngestBatch } from '../../shared/ingest/trigger-batch';
import { ingestBatch, type IngestDependencies } from '../../shared/ingest/ingest-batch';
import { EventStore } from '../../shared/storage/event-store';
import {
  createTableClients,
  ensureTables,
  resolveTableAccess,
  type TableClients,
} from '../../shared/storage/table-client-factory';
import {
  everyNth,
  NO_FAULTS,
  startFaultProxy,
  tableEndpointOf,
  type Fault,
  type FaultProxy,
  type FaultSchedule,
} from '../support/fault-proxy';
import { linesOf, sampleText, triggerInput, uniqueNamespace } from '../support/ingest-fixtures';
import { uniquePrefix } from '../support/storage-fixtures';

/** Deliveries of one batch before the test gives up (the host's retry count is 5). */
const MAX_DELIVERIES = 6;
const CLUSTER = 'faulty';

let proxy: FaultProxy;

beforeAll(async () => {
  const target = tableEndpointOf(resolveConnectionString());
  proxy = await startFaultProxy({ target, holdMs: 250, lifetimeMs: 110_000 });
});

afterAll(async () => {
  await proxy.stop();
});

function resolveConnectionString(): string {
  const access = resolveTableAccess();
  if (access.kind !== 'connection-string') throw new Error('the tests run on Azurite');
  return access.connectionString;
}

/** Fresh tables under a new prefix, reached directly or through the proxy. */
async function freshTables(label: string, throughProxy: boolean): Promise<TableClients> {
  const connectionString = throughProxy ? proxy.connectionString : resolveConnectionString();
  const tables = createTableClients(
    { kind: 'connection-string', connectionString },
    uniquePrefix(label),
  );
  await ensureTables(tables);
  return tables;
}

function dependencies(tables: TableClients): IngestDependencies {
  return {
    tables,
    store: new EventStore(tables),
    defaultCluster: 'default',
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

/** Cuts message bodies into trigger batches of `size`, numbered from 0, one partition. */
function batchesOf(
  bodies: unknown[],
  size: number,
  namespace: string,
  firstSequence = 0,
): IngestBatch[] {
  const batches: IngestBatch[] = [];
  for (let from = 0; from < bodies.length; from += size) {
    const slice = bodies.slice(from, from + size);
    const input = triggerInput(
      slice.map(() => ''),
      {
        namespace,
        partitionId: '3',
        firstSequence: firstSequence + from,
        cluster: CLUSTER,
      },
    );
    batches.push(batchFromTrigger(slice, input.metadata));
  }
  return batches;
}

/** Delivers a batch until it succeeds, as the host redelivers a failed one; returns attempts. */
async function deliver(batch: IngestBatch, deps: IngestDependencies): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ingestBatch(batch, deps);
      return attempt;
    } catch (error) {
      if (attempt >= MAX_DELIVERIES) throw error;
    }
  }
}

/** Every row of every table, without service metadata, in key order. */
async function tableState(tables: TableClients): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const [role, client] of Object.entries(tables)) {
    const rows: Record<string, unknown>[] = [];
    for await (const entity of client.listEntities()) {
      const row: Record<string, unknown> = { ...entity };
      for (const metadata of ['etag', 'timestamp', 'odata.metadata']) delete row[metadata];
      // Documented: eventsSeen counts events offered, so a redelivered batch adds to it.
      if (role === 'clusters') delete row.eventsSeen;
      rows.push(row);
    }
    state[role] = rows.sort((a, b) =>
      `${String(a.partitionKey)}\u0000${String(a.rowKey)}`.localeCompare(
        `${String(b.partitionKey)}\u0000${String(b.rowKey)}`,
      ),
    );
  }
  return state;
}

/** Messages numbered from `firstSequence`, cut into batches of `batchSize`. */
interface Segment {
  bodies: unknown[];
  batchSize: number;
  firstSequence: number;
}

/** A message 1,000 s after the rest, so idle reports are emitted (as later traffic does). */
const TICK: Segment = { bodies: ['tick'], batchSize: 1, firstSequence: 100_000 };

/**
 * Real reports of several nodes with kubelet pressure and runtime name lines; then, after the
 * tick, a report cut off at the end, so the saved state holds an open report.
 */
function workload(batchSize: number): Segment[] {
  const aks = linesOf(sampleText('05-aks-syslog-oomgroup-oom_memcg-kubepods.slice.log'));
  const bodies = [
    '03-cadvisor-docker-cgroupfs-kernel4.8-two-ooms.log',
    '18-uos-loongarch-syslog-guaranteed-pod-limit-callbacks-suppressed-taskoom.log',
    '41-k8s58541-journald-russian-month-kubelet-eviction-manager.log',
    '34-docker-for-linux1001-syslog-global-oom-nested-parens-resolved.log',
  ].flatMap((file) => linesOf(sampleText(file)));
  return [
    { bodies, batchSize, firstSequence: 0 },
    TICK,
    { bodies: aks.slice(0, 3), batchSize: 3, firstSequence: 100_001 },
  ];
}

/**
 * Runs the segments fault-free and under `schedule` (numbered from the first request of the
 * faulted run); returns both table states, the deliveries each batch took, the faults injected.
 */
async function runBoth(segments: Segment[], schedule: FaultSchedule) {
  const namespace = uniqueNamespace();
  const batches = segments.flatMap((segment) =>
    batchesOf(segment.bodies, segment.batchSize, namespace, segment.firstSequence),
  );

  const clean = await freshTables('clean', false);
  for (const batch of batches) await deliver(batch, dependencies(clean));

  const faulted = await freshTables('faulted', true);
  const before = { ...proxy.stats.faults };
  const start = proxy.stats.requests;
  proxy.setSchedule((request) => schedule(request - start));
  const attempts: number[] = [];
  try {
    for (const batch of batches) attempts.push(await deliver(batch, dependencies(faulted)));
  } finally {
    proxy.setSchedule(NO_FAULTS);
  }
  const injected = Object.fromEntries(
    Object.entries(proxy.stats.faults).map(([kind, count]) => [
      kind,
      count - before[kind as keyof typeof before],
    ]),
  );
  return { clean: await tableState(clean), faulted: await tableState(faulted), attempts, injected };
}

/** From request `from` on, `length` requests in a row fail with `fault`; the rest pass. */
function burst(from: number, length: number, fault: Fault): FaultSchedule {
  return (request) => (request >= from && request < from + length ? fault : 'none');
}

describe('ingest under storage faults', () => {
  it('matches the fault-free state with 503s, holds and resets on every 4th request', async () => {
    const faults: Fault[] = ['busy', 'hold', 'reset', 'reset-after'];
    const run = await runBoth(workload(15), everyNth(4, faults, 6));

    for (const fault of faults) expect(run.injected[fault]).toBeGreaterThan(0);
    expect(run.faulted).toEqual(run.clean);
    expect(run.clean.events?.length).toBe(7);
    expect(run.clean.memoryPressure?.length).toBeGreaterThan(0);
    expect(run.clean.pending).toHaveLength(1);
  });

  it('matches the fault-free state when a burst of resets outlasts the SDK retries', async () => {
    // Six resets in a row after Azurite applied each request: a write is retried three times
    // and fails, the batch throws, and the redelivered batch must not write anything twice.
    const run = await runBoth(workload(40), burst(6, 6, 'reset-after'));

    expect(Math.max(...run.attempts)).toBeGreaterThan(1);
    expect(run.faulted).toEqual(run.clean);
  });

  it('dead-letters the poison in a faulted, redelivered batch once; stores the rest', async () => {
    const lines = linesOf(sampleText('14-notes-k3s-dmesg-grep-oomgroup-container-limit.log'));
    // Malformed JSON, JSON without a message, and an array nested too deep to follow (or to
    // serialise recursively).
    let deep: unknown = { log: 'deep' };
    for (let level = 0; level < 20_000; level += 1) deep = [deep];
    const bodies: unknown[] = [
      lines[0],
      '{"log": "unterminated',
      lines[1],
      '{"level":"info"}',
      deep,
      ...lines.slice(2),
    ];
    // Request 2 of the batch writes its dead letters: applied four times, never acknowledged.
    const run = await runBoth(
      [{ bodies, batchSize: bodies.length, firstSequence: 0 }, TICK],
      burst(2, 4, 'reset-after'),
    );

    expect(Math.max(...run.attempts)).toBeGreaterThan(1);
    expect(run.faulted).toEqual(run.clean);
    const letters = run.clean.deadLetters as { rowKey: string; reason: string }[];
    // The tick jumps to sequence 100,000: the skipped numbers are recorded as a gap, once.
    expect(letters.map((letter) => letter.reason.split(':')[0])).toEqual([
      'bad-json',
      'no-message',
      'too-deep',
      'gap',
    ]);
    expect(run.clean.events).toHaveLength(1);
  });
});
