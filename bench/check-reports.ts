/**
 * Proves the generator's premise before a run: every report builder, alone and on a node
 * with noise around it, gives exactly one `oom-kill` event of the scope it was built for.
 */
import type { OomKillEvent } from '../shared/model/event';
import { parseLogText } from '../shared/parse-text';
import { REPORT_BUILDERS, type BenchPod } from './oom-reports';
import { Random } from './random';

const POD: BenchPod = {
  uid: '0f2b7c1e-5d3a-4a8e-9b6c-2d1e0f9a8b7c',
  namespace: 'payments',
  name: 'api-7d9c5b8f6d-x2k4q',
  container: 'api',
  containerId: 'a'.repeat(64),
  sandboxId: 'b'.repeat(64),
  qos: 'burstable',
};

/** Throws when a builder does not give exactly one event of its scope; else the events. */
export function checkReports(): OomKillEvent[] {
  const random = new Random(1);
  const found: OomKillEvent[] = [];
  for (const { build } of REPORT_BUILDERS) {
    const report = build(random, POD);
    const lines = [
      ...report.kernel.map((text, index) => kernelLine(index, text)),
      ...report.runtime.map((line) => `Jun 24 18:49:43 node-a ${line.program}[1]: ${line.text}`),
      kernelLine(9_000_000, 'cni0: port 3(veth1a2b3c4d) entered disabled state'),
    ];
    const events = parseLogText(lines.join('\n'), {
      cluster: 'check',
      referenceTime: new Date('2024-06-25T00:00:00Z'),
    }).records.filter((record): record is OomKillEvent => record.kind === 'oom-kill');
    const scopes = events.map((event) => event.scope);
    if (events.length !== 1 || scopes[0] !== report.scope) {
      throw new Error(
        `report ${report.format}: expected one ${report.scope} event, got [${scopes.join(', ')}]`,
      );
    }
    found.push(...events);
  }
  return found;
}

function kernelLine(index: number, text: string): string {
  const uptime = (8341 + index / 1e6).toFixed(6).padStart(12);
  return `Jun 24 18:49:43 node-a kernel: [${uptime}] ${text}`;
}
