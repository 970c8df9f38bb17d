/** Builds Event Hubs trigger input from log text, as the host would hand it to the function. */
import { randomBytes } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');

export function sampleText(file: string): string {
  return readFileSync(join(SAMPLES, file), 'utf8');
}

/** One Event Hubs message per line, numbered from `firstSequence`. */
export interface TriggerInput {
  messages: string[];
  metadata: Record<string, unknown>;
}

/** A unique Event Hubs stream (namespace) so suites never share partition state. */
export function uniqueNamespace(): string {
  return `ns${randomBytes(4).toString('hex')}.servicebus.windows.net`;
}

export function triggerInput(
  lines: string[],
  options: {
    namespace: string;
    partitionId: string;
    firstSequence: number;
    cluster: string;
    /** Enqueued time of the first message; 10 ms per sequence number after a fixed start. */
    enqueuedAt?: Date;
  },
): TriggerInput {
  const start = Date.parse('2026-12-01T10:00:00Z') + options.firstSequence * 10;
  const base = (options.enqueuedAt?.getTime() ?? start) - options.firstSequence * 10;
  return {
    messages: lines,
    metadata: {
      partitionContext: {
        fullyQualifiedNamespace: options.namespace,
        eventHubName: 'syslog',
        consumerGroup: 'oomwatch',
        partitionId: options.partitionId,
      },
      sequenceNumberArray: lines.map((_, index) => options.firstSequence + index),
      enqueuedTimeUtcArray: lines.map((_, index) =>
        new Date(base + (options.firstSequence + index) * 10).toISOString(),
      ),
      partitionKeyArray: lines.map(() => null),
      propertiesArray: lines.map(() => ({ cluster: options.cluster })),
    },
  };
}

/** A real InvocationContext carrying trigger metadata, with logs kept quiet. */
export function invocation(metadata: Record<string, unknown>): InvocationContext {
  return new InvocationContext({
    functionName: 'ingest',
    triggerMetadata: metadata,
    logHandler: () => {},
  });
}

/** Non-empty lines of a text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
