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
import { EventTooLargeError } from '../storage/event-entity';
import type { EventStore } from '../storage/event-store';
import { upsertMemoryPressure } from '../storage/memory-pressure';
import { loadPendingState, savePendingState } from '../storage/pending-state';
import type { NameObservation } from '../storage/pod-names';
import type { TableClients } from '../storage/table-client-factory';
import { identityContext } from './message-identity';
import type { IngestBatch, IngestMessage } from './trigger-batch';

export interface IngestLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
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
  const gap = missingRange(lastDone, fresh[0]);
  if (gap) {
    deps.log.error('messages were never processed', { partitionId: batch.partitionId, ...gap });
    deadLetters.push(gapLetter(batch, gap));
  }

  // Idle reports are flushed after each message, by that message's enqueued time, so where
  // the host happens to cut batches never changes which reports are split.
  const idleSeconds = deps.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  let lines = 0;
  for (const message of fresh) {
    lines += ingestMessage(assembler, message, batch, deps, deadLetters);
    assembler.flushIdle(new Date(message.enqueuedTime), idleSeconds);
  }
  if (options.drain) assembler.flush();
  const latest = latestEnqueued(batch.messages);
  const output = assembler.take();

  const events = output.records.filter((r): r is OomKillEvent => r.kind === 'oom-kill');
  const pressure = output.records.filter(
    (r): r is MemoryPressureRecord => r.kind === 'memory-pressure',
  );
  await storeNames(deps, output.names);
  await storeEvents(deps, events, batch, deadLetters);
  await storePressure(deps, pressure, latest);
  await recordDeadLetters(deps.tables.deadLetters, deadLetters);

  const lastSequenceNumber = Math.max(lastDone, ...fresh.map((m) => m.sequenceNumber));
  await saveState(deps, batch, assembler, lastSequenceNumber, pending.etag);

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
  batch: IngestBatch,
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
      stream: batch.stream,
      partitionId: batch.partitionId,
      sequenceNumber: message.sequenceNumber,
      enqueuedTime: message.enqueuedTime,
      body: bodyText(message.body),
    });
  }
  return decoded.lines;
}

/**
 * Stores events cluster by cluster. An event the store cannot map (too large for an entity
 * even after trimming) is dead-lettered with its own JSON instead of failing the batch forever.
 */
async function storeEvents(
  deps: IngestDependencies,
  events: OomKillEvent[],
  batch: IngestBatch,
  deadLetters: DeadLetter[],
): Promise<void> {
  for (const [cluster, group] of groupByCluster(events, deps.defaultCluster)) {
    const writes = group.map((event) => ({
      event,
      receivedAt: event.receivedAt ?? event.time ?? new Date(0).toISOString(),
    }));
    try {
      await deps.store.upsertEvents(cluster, writes);
    } catch (error) {
      if (!(error instanceof EventTooLargeError)) throw error;
      for (const write of writes) {
        try {
          await deps.store.upsertEvents(cluster, [write]);
        } catch (single) {
          if (!(single instanceof EventTooLargeError)) throw single;
          deadLetters.push(eventLetter(batch, write.event, single.message));
        }
      }
    }
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
    // Through the store, which also indexes earlier kills of a newly named pod by namespace.
    if (observations.length > 0) await deps.store.recordNames(cluster, observations);
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
  batch: IngestBatch,
  assembler: ReportAssembler,
  lastSequenceNumber: number,
  etag: string | null,
): Promise<void> {
  const key = { stream: batch.stream, partitionId: batch.partitionId };
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

  // Too much held open to save: emit it now (reports may end up split) rather than lose it.
  deps.log.warn('assembler state too large; flushing open reports', {
    partitionId: key.partitionId,
    chars: saved.chars,
  });
  assembler.flush();
  const output = assembler.take();
  const deadLetters: DeadLetter[] = [];
  const events = output.records.filter((r): r is OomKillEvent => r.kind === 'oom-kill');
  await storeEvents(deps, events, batch, deadLetters);
  await recordDeadLetters(deps.tables.deadLetters, deadLetters);
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

/**
 * Event Hubs numbers a partition's messages consecutively: a first new message past the next
 * expected number means messages were skipped (a batch given up after its retries ran out, or
 * retention passed). Nothing can bring them back; the gap is recorded where operators look.
 */
function missingRange(lastDone: number, first: IngestMessage | undefined) {
  if (lastDone < 0 || first === undefined || first.sequenceNumber <= lastDone + 1) return null;
  return { fromSequenceNumber: lastDone + 1, toSequenceNumber: first.sequenceNumber - 1 };
}

function gapLetter(
  batch: IngestBatch,
  gap: { fromSequenceNumber: number; toSequenceNumber: number },
): DeadLetter {
  return {
    reason: `gap: messages ${gap.fromSequenceNumber}-${gap.toSequenceNumber} were never processed`,
    stream: batch.stream,
    partitionId: batch.partitionId,
    sequenceNumber: gap.fromSequenceNumber,
    enqueuedTime: batch.messages[0]?.enqueuedTime ?? new Date(0).toISOString(),
    body: '',
  };
}

function eventLetter(batch: IngestBatch, event: OomKillEvent, reason: string): DeadLetter {
  return {
    reason: `event-too-large: ${reason}`,
    stream: batch.stream,
    partitionId: batch.partitionId,
    // Keyed past every real sequence number, by the event id, so a retry rewrites the row.
    sequenceNumber: Number.MAX_SAFE_INTEGER - parseInt(event.id.slice(0, 12), 16),
    enqueuedTime: event.receivedAt ?? new Date(0).toISOString(),
    body: JSON.stringify(event),
  };
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
