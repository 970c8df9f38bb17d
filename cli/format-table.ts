/** A readable fixed-width table of events for terminals. */
import type { OomwatchRecord } from '../shared/model/event';

const COLUMNS = ['TIME', 'NODE', 'SCOPE', 'VICTIM', 'POD', 'CONTAINER', 'GROUP', 'CHILD?'];

/** Formats records as an aligned table, one row per record. */
export function formatEventTable(records: readonly OomwatchRecord[]): string {
  if (records.length === 0) return 'no OOM kills found\n';
  const rows = records.map((record) =>
    record.kind === 'oom-kill'
      ? [
          record.time ?? (record.kernelTime !== null ? `+${record.kernelTime}s` : '-'),
          record.node ?? '-',
          record.scope,
          record.victim ? `${record.victim.name} (${record.victim.pid})` : '-',
          record.pod ? `${record.pod.namespace ?? '?'}/${record.pod.name ?? record.pod.uid}` : '-',
          record.container ? (record.container.name ?? record.container.id.slice(0, 12)) : '-',
          record.groupKill ? 'yes' : 'no',
          record.childKillSuspected ? 'yes' : 'no',
        ]
      : [record.time ?? '-', record.node ?? '-', 'pressure', record.reason, '-', '-', '-', '-'],
  );
  const widths = COLUMNS.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(COLUMNS), ...rows.map(render)].join('\n') + '\n';
}
