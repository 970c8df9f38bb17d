/**
 * `oomwatch parse FILE… [--cluster NAME] [--node NAME] [--format json|table] [--all]`:
 * prints the events found in log files, one JSON object per line or as a table.
 */
import type { Command } from 'commander';
import { ReportAssembler } from '../../shared/report/assembler';
import { feedMessage } from '../../shared/report/feed-message';
import type { OomwatchRecord } from '../../shared/model/event';
import { formatEventTable } from '../format-table';
import { readInputChunks } from '../read-inputs';

interface ParseOptions {
  cluster?: string;
  node?: string;
  format?: 'json' | 'table';
  all?: boolean;
}

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('print the OOM-kill events found in kernel/syslog files (- reads stdin)')
    .argument('<files...>', 'log files, or - for stdin')
    .option('--cluster <name>', 'cluster for lines whose envelope names none')
    .option('--node <name>', 'node name for lines that do not name one')
    .option('--format <format>', 'json (one object per line) or table')
    .option('--all', 'also print memory-pressure records (kubelet eviction lines)')
    .action(async (files: string[], options: ParseOptions) => {
      const format = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
      if (format !== 'json' && format !== 'table') {
        throw new Error(`--format must be json or table, not ${String(format)}`);
      }
      const table: OomwatchRecord[] = [];
      const emit = (records: OomwatchRecord[]) => {
        for (const record of records) {
          if (!options.all && record.kind !== 'oom-kill') continue;
          if (format === 'json') process.stdout.write(`${JSON.stringify(record)}\n`);
          else table.push(record);
        }
      };
      for (const file of files) await parseFile(file, options, emit);
      if (format === 'table') process.stdout.write(formatEventTable(table));
    });
}

/**
 * Streams one input through the decoder and assembler, chunk by chunk, so memory stays flat
 * whatever the file's size; JSON lines are printed as reports finish.
 */
async function parseFile(
  file: string,
  options: ParseOptions,
  emit: (records: OomwatchRecord[]) => void,
): Promise<void> {
  const assembler = new ReportAssembler();
  const context = {
    defaultCluster: options.cluster ?? null,
    defaultNode: options.node ?? null,
    referenceTime: new Date(),
  };
  for await (const chunk of readInputChunks(file)) {
    for (const problem of feedMessage(assembler, chunk, context).problems) {
      process.stderr.write(`oomwatch: ${file}: ${problem.code}: ${problem.message}\n`);
    }
    emit(assembler.take().records);
  }
  assembler.flush();
  emit(assembler.take().records);
}
