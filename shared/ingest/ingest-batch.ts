/**
 * The ingest core behind the Event Hubs function (and `oomwatch ingest`): decode every message,
 * assemble reports with the partition's saved state, store finished events, names, pressure
 * records and dead letters, then save the state with the last sequence number.
 *
 * Exactly once in effect: messages at or below the saved sequence number are skipped, every
 * write is an idempotent upsert with deterministic keys, and the state is saved only after
 * the writes. A crash or a storage error before the save makes the host redeliver the batch,
 * which replays from the old state to the same rows.
 */
import type { MemoryPressureRecord, OomKillEvent } from '../model/event';
import type { NameFact } from '../names/name-book';
import { ReportAssembler, type AssemblerState } from '../report/assembler';
import { feedMessage } from '../report/feed-message';
import { recordDeadLetters, type DeadLetter } from '../storage/dead-letters';
import type { EventStore } from '../storage/event-store';
import { upsertMemoryPressure } from '../storage/memory-pressure';
import { loadPendingState, savePendingState } from '../storage/pending-state';
import { recordNames, type NameObservation } from '../storage/pod-names';
import type { TableClients } from '../storage/table-client-factory';
import { identityContext } from './message-identity';
import type { IngestBatch, IngestMessage } from './trigger-batch';

export interface IngestLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface IngestDependencies {
  tables: TableClients;
  store: EventStore;
  /** Cluster for messages that name none. */
  defaultCluster: string;
  /** Node for lines that name none (the CLI's sample runs); null in Azure. */
  defaultNode?: string | null;
  log: IngestLogger;
  /** Reports untouched this long (by the batch's latest enqueued time) are emitted. */
  idleSeconds?: number;
}

export interface IngestReport {
  messages: number;
  skippedAsReplayed: number;
  deadLetters: number;
  lines: number;
  events: number;
  pressureRecords: number;
  names: number;
  pendingReports: boolean;
}

export interface IngestOptions {
  /** Emit every open report at the end (the last batch of a file). */
  drain?: boolean;
}

/**
 * A report nobody wrote to for this long (by enqueued time) is emitted as it is: far beyond the
 * milliseconds a kernel takes to print one, short enough that a quiet node's kill still shows
 * up within a minute of the next batch.
 */
const DEFAULT_IDLE_SECONDS = 30;

/** Ingests one batch of one partition. Throws on storage failure so the host retries. */
export async function ingestBatch(
  batch: IngestBatch,
  deps: IngestDependencies,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const key = { stream: batch.stream, partitionId: batch.partitionId };
  const pending = await loadPendingState<AssemblerState>(deps.tables.pending, key);
  const lastDone = pending.lastSequenceNumber ?? -1;
  const fresh = batch.messages.filter((message) => message.sequenceNumber > lastDone);
  const assembler = new ReportAssembler(pending.state ?? undefined);

  const deadLetters: DeadLetter[] = [];
  let lines = 0;
  for (const message of fresh) {
    lines += ingestMessage(assembler, message, batch.partitionId, deps, deadLetters);
  }

  const latest = latestEnqueued(batch.messages);
  if (options.drain) assembler.flush();
  else if (latest) assembler.flushIdle(latest, deps.idleSeconds ?? DEFAULT_IDLE_SECONDS);
  const output = assembler.take();

  const events = output.records.filter((r): r is OomKillEvent => r.kind === 'oom-kill');
  const pressure = output.records.filter(
    (r): r is MemoryPressureRecord => r.kind === 'memory-pressure',
  );
  await recordDeadLetters(deps.tables.deadLetters, deadLetters);
  await storeNames(deps, output.names);
  await storeEvents(deps, events);
  await storePressure(deps, pressure, latest);

  const lastSequenceNumber = Math.max(lastDone, ...fresh.map((m) => m.sequenceNumber));
  await saveState(deps, key, assembler, lastSequenceNumber, pending.etag);

  const report: IngestReport = {
    messages: batch.messages.length,
    skippedAsReplayed: batch.messages.length - fresh.length,
    deadLetters: deadLetters.length,
    lines,
    events: events.length,
    pressureRecords: pressure.length,
    names: output.names.length,
    pendingReports: assembler.hasPending(),
  };
  deps.log.info('ingested batch', { partitionId: batch.partitionId, ...report });
  return report;
}

/** Decodes one message into the assembler; an unreadable one becomes a dead letter. */
function ingestMessage(
  assembler: ReportAssembler,
  message: IngestMessage,
  partitionId: string,
  deps: IngestDependencies,
  deadLetters: DeadLetter[],
): number {
  const context = {
    ...identityContext(message, deps.defaultCluster, deps.defaultNode ?? null),
    referenceTime: new Date(message.enqueuedTime),
    receivedAt: message.enqueuedTime,
  };
  const decoded = feedMessage(assembler, message.body, context);

  const fatal = decoded.problems.filter((problem) => problem.fatal);
  if (fatal.length > 0) {
    deadLetters.push({
      reason: fatal.map((problem) => `${problem.code}: ${problem.message}`).join('; '),
      partitionId,
      sequenceNumber: message.sequenceNumber,
      enqueuedTime: message.enqueuedTime,
      body: bodyText(message.body),
    });
  }
  return decoded.lines;
}

async function storeEvents(deps: IngestDependencies, events: OomKillEvent[]): Promise<void> {
  for (const [cluster, group] of groupByCluster(events, deps.defaultCluster)) {
    const writes = group.map((event) => ({
      event,
      receivedAt: event.receivedAt ?? event.time ?? new Date(0).toISOString(),
    }));
    await deps.store.upsertEvents(cluster, writes);
  }
}

async function storePressure(
  deps: IngestDependencies,
  records: MemoryPressureRecord[],
  latest: Date | null,
): Promise<void> {
  const receivedAt = (latest ?? new Date(0)).toISOString();
  for (const [cluster, group] of groupByCluster(records, deps.defaultCluster)) {
    const writes = group.map((record) => ({ record, receivedAt: record.time ?? receivedAt }));
    await upsertMemoryPressure(deps.tables.memoryPressure, cluster, writes);
  }
}

/** Names learned from runtime lines, stored so reads can name kills from before or after. */
async function storeNames(deps: IngestDependencies, facts: NameFact[]): Promise<void> {
  for (const [cluster, group] of groupByCluster(facts, deps.defaultCluster)) {
    // One row per pod and per container: the last word of the batch wins.
    const byKey = new Map<string, NameObservation>();
    for (const seen of group.flatMap(observationsOf)) {
      byKey.set(seen.kind === 'pod' ? `pod/${seen.podUid}` : `ctr/${seen.containerId}`, seen);
    }
    const observations = [...byKey.values()];
    if (observations.length > 0) {
      await recordNames(deps.tables.podNames, cluster, observations);
    }
  }
}

function observationsOf(fact: NameFact): NameObservation[] {
  const observations: NameObservation[] = [];
  if (fact.podUid && fact.namespace && fact.pod) {
    observations.push({
      kind: 'pod',
      podUid: fact.podUid,
      namespace: fact.namespace,
      name: fact.pod,
    });
  }
  if (fact.containerId && fact.container) {
    observations.push({
      kind: 'container',
      containerId: fact.containerId,
      containerName: fact.container,
      podUid: fact.podUid,
    });
  }
  return observations;
}

async function saveState(
  deps: IngestDependencies,
  key: { stream: string; partitionId: string },
  assembler: ReportAssembler,
  lastSequenceNumber: number,
  etag: string | null,
): Promise<void> {
  const saved = await savePendingState(
    deps.tables.pending,
    key,
    assembler.snapshot(),
    lastSequenceNumber,
    etag,
  );
  if (saved.ok) return;
  if (saved.reason === 'conflict') {
    throw new Error(
      `partition ${key.partitionId} state was written by another instance; retrying the batch`,
    );
  }

  // Too much held open to save: emit it now rather than lose it.
  deps.log.warn('assembler state too large; flushing open reports', {
    partitionId: key.partitionId,
    chars: saved.chars,
  });
  assembler.flush();
  const output = assembler.take();
  await storeEvents(
    deps,
    output.records.filter((r): r is OomKillEvent => r.kind === 'oom-kill'),
  );
  const retry = await savePendingState(
    deps.tables.pending,
    key,
    assembler.snapshot(),
    lastSequenceNumber,
    etag,
  );
  if (!retry.ok)
    throw new Error(`partition ${key.partitionId} state could not be saved: ${retry.reason}`);
}

function groupByCluster<T extends { cluster: string | null }>(items: T[], fallback: string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const cluster = item.cluster ?? fallback;
    groups.set(cluster, [...(groups.get(cluster) ?? []), item]);
  }
  return groups;
}

function latestEnqueued(messages: IngestMessage[]): Date | null {
  const times = messages.map((message) => Date.parse(message.enqueuedTime)).filter(Number.isFinite);
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  try {
    return JSON.stringify(body) ?? String(body);
  } catch (error) {
    // Too deep (or cyclic) to serialise: String() recurses into arrays too, and a throw here
    // would fail the whole batch on every redelivery. Keep why; the reason says the rest.
    return `[body not serialisable: ${(error as Error).message}]`;
  }
}
