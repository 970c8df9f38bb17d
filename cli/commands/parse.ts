/**
 * `oomwatch parse FILE… [--cluster NAME] [--node NAME] [--format json|table] [--all]`:
 * prints the events found in log files, one JSON object per line or as a table.
 */
import type { Command } from 'commander';
import { parseLogText } from '../../shared/parse-text';
import type { OomwatchRecord } from '../../shared/model/event';
import { formatEventTable } from '../format-table';
import { readInput } from '../read-inputs';

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
    .option('--cluster <name>', 'cluster name to put on the events')
    .option('--node <name>', 'node name for lines that do not name one')
    .option('--format <format>', 'json (one object per line) or table')
    .option('--all', 'also print memory-pressure records (kubelet eviction lines)')
    .action(async (files: string[], options: ParseOptions) => {
      const format = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
      if (format !== 'json' && format !== 'table') {
        throw new Error(`--format must be json or table, not ${String(format)}`);
      }
      const records: OomwatchRecord[] = [];
      for (const file of files) {
        const text = await readInput(file);
        const parsed = parseLogText(text, {
          defaultCluster: options.cluster ?? null,
          defaultNode: options.node ?? null,
        });
        for (const problem of parsed.problems) {
          process.stderr.write(`oomwatch: ${file}: ${problem.code}: ${problem.message}\n`);
        }
        records.push(
          ...parsed.records.filter((record) => options.all || record.kind === 'oom-kill'),
        );
      }
      if (format === 'json') {
        for (const record of records) process.stdout.write(`${JSON.stringify(record)}\n`);
      } else {
        process.stdout.write(formatEventTable(records));
      }
    });
}
