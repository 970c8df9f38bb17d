/**
 * `oomwatch send FILE… --namespace <ns>.servicebus.windows.net --hub NAME --cluster C [--node N]`:
 * replays log files into a deployed hub in the same envelope the node forwarder sends, signed in
 * with DefaultAzureCredential (needs Azure Event Hubs Data Sender on the hub; infra/README.md).
 */
import { EventHubProducerClient } from '@azure/event-hubs';
import { DefaultAzureCredential } from '@azure/identity';
import type { Command } from 'commander';

import { sendLines, type SendSummary } from '../../shared/send/batch-sender';
import { readLogLines } from '../../shared/send/log-files';

interface SendOptions {
  namespace: string;
  hub: string;
  cluster: string;
  node?: string;
}

/** Accepts `<ns>.servicebus.windows.net`, a bare namespace name, or an `sb://…/` endpoint. */
export function namespaceHost(value: string): string {
  const host = value
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[:/].*$/, '');
  if (host === '') throw new Error('--namespace is empty; pass <ns>.servicebus.windows.net');
  return host.includes('.') ? host : `${host}.servicebus.windows.net`;
}

/** One line a person reads after a send. */
export function describeSummary(summary: SendSummary, hub: string): string {
  const nodes = summary.nodes.length === 1 ? '1 node' : `${summary.nodes.length} nodes`;
  const lines = [
    `sent ${summary.events} lines in ${summary.batches} batches to hub ${hub} (${nodes})`,
  ];
  for (const line of summary.oversized) {
    lines.push(`skipped ${line.source}: ${line.bytes} bytes is more than one event may carry`);
  }
  return lines.join('\n');
}

/** Adds the `send` command to the CLI. */
export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .description('replay log files into an Event Hub as the node forwarder would send them')
    .argument('<files...>', 'kernel, syslog, journalctl or dmesg text files')
    .requiredOption('--namespace <host>', 'Event Hubs namespace, <ns>.servicebus.windows.net')
    .requiredOption('--hub <name>', 'event hub name (the EVENTHUB_NAME deployment output)')
    .requiredOption('--cluster <name>', 'cluster the lines came from')
    .option('--node <name>', 'node the lines came from (default: syslog host, else file name)')
    .action(async (files: string[], options: SendOptions) => {
      const host = namespaceHost(options.namespace);
      const producer = new EventHubProducerClient(host, options.hub, new DefaultAzureCredential());
      try {
        const origin = { cluster: options.cluster, node: options.node };
        const summary = await sendLines(producer, readLogLines(files, origin));
        process.stdout.write(`${describeSummary(summary, options.hub)}\n`);
        if (summary.oversized.length > 0) process.exitCode = 1;
      } finally {
        await producer.close();
      }
    });
}
