/**
 * `oomwatch ingest` then `oomwatch events` (two separate invocations, as a user runs them)
 * returns the events `oomwatch parse` prints for the same file.
 */
import { join } from 'node:path';
import { main } from '../../../cli/main';
import type { OomKillEvent } from '../../../shared/model/event';

const SAMPLES = join(__dirname, '..', '..', 'fixtures', 'samples');

/** Runs the CLI in-process and returns what it wrote to stdout. */
async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await main(['node', 'oomwatch', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

function jsonLines(text: string): OomKillEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OomKillEvent);
}

/** The stored copy also knows when it was received; everything else must match. */
function comparable(event: OomKillEvent) {
  return { ...event, receivedAt: null };
}

describe('ingest then events', () => {
  it.each([
    '03-cadvisor-docker-cgroupfs-kernel4.8-two-ooms.log',
    '22-openshift-rhel8-crio-dmesg-grep-C10-nvrm-noise-pod-limit.log',
    '48-blog-rhel9-kernel5.14-dmesg-Tx-facility-level-cgroupv2-guaranteed-container.log',
  ])('stores what parse finds in %s', async (file) => {
    const cluster = `cli-${Date.now().toString(36)}-${file.slice(0, 2)}`;
    const path = join(SAMPLES, file);

    const parsed = jsonLines(await run(['parse', path, '--cluster', cluster, '--format', 'json']));
    await run(['ingest', path, '--cluster', cluster]);
    const stored = jsonLines(await run(['events', '--cluster', cluster, '--json']));

    expect(parsed.length).toBeGreaterThan(0);
    const byId = (a: OomKillEvent, b: OomKillEvent) => a.id.localeCompare(b.id);
    expect(stored.map(comparable).sort(byId)).toEqual(parsed.map(comparable).sort(byId));
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('stores kills without a wall time once when the same file is ingested twice', async () => {
    const cluster = `cli-twice-${Date.now().toString(36)}`;
    const path = join(SAMPLES, '22-openshift-rhel8-crio-dmesg-grep-C10-nvrm-noise-pod-limit.log');

    await run(['ingest', path, '--cluster', cluster]);
    await run(['ingest', path, '--cluster', cluster]);

    // The sample holds four reports (three cut by grep), none with a wall time.
    const stored = jsonLines(await run(['events', '--cluster', cluster, '--json']));
    expect(stored.map((event) => event.time)).toEqual([null, null, null, null]);
    expect(new Set(stored.map((event) => event.id)).size).toBe(4);
  });
});
