/**
 * Storage for the ingest and query benches: an Azurite child process and a set of table
 * clients whose HTTP requests are counted by a pipeline policy (one per request sent, so an
 * entity-group transaction counts once and an SDK retry counts again).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  createTableClients,
  ensureTables,
  type TableClients,
} from '../shared/storage/table-client-factory';

/** A running Azurite child and counted clients over it. */
export interface BenchStorage {
  tables: TableClients;
  /** HTTP requests sent through `tables` since the last reset. */
  requests(): number;
  /** The same, by table. */
  requestsByTable(): Record<string, number>;
  resetRequests(): void;
  /** Writes the query bench's events `from`–`to` of `count` straight into the emulator. */
  load(count: number, from: number, to: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Azurite in a child process and creates every table. */
export async function startBenchStorage(): Promise<BenchStorage> {
  const child = spawn(process.execPath, [join(__dirname, 'azurite-child.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('azurite child has no stdout');
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const reply = async (): Promise<unknown> => {
    const next = await replies.next();
    if (next.done === true) throw new Error('azurite child exited');
    return JSON.parse(next.value) as unknown;
  };
  const { connectionString } = (await reply()) as { connectionString: string };
  const tables = createTableClients({ kind: 'connection-string', connectionString });
  let requests = 0;
  const byTable: Record<string, number> = {};
  for (const [role, client] of Object.entries(tables)) {
    client.pipeline.addPolicy({
      name: 'benchRequestCounter',
      sendRequest: (request, next) => {
        requests++;
        byTable[role] = (byTable[role] ?? 0) + 1;
        return next(request);
      },
    });
  }
  await ensureTables(tables);
  requests = 0;
  for (const role of Object.keys(byTable)) delete byTable[role];
  return {
    tables,
    requests: () => requests,
    requestsByTable: () => ({ ...byTable }),
    resetRequests: () => {
      requests = 0;
    },
    load: async (count, from, to) => {
      child.stdin?.write(`${JSON.stringify({ load: { count, from, to } })}\n`);
      await reply();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}
