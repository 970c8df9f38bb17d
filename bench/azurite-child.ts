/**
 * Runs the embedded in-memory Azurite (startEmbeddedAzurite) in a process of its own, so the
 * bench's client and the emulator each get a core, as client and storage would in Azure.
 * Prints the connection string as one JSON line, then answers `load` commands (one JSON line
 * each on stdin) and stops when stdin closes.
 *
 * `load` writes the query bench's rows straight into Azurite's LokiJS collections: through
 * the HTTP API every upsert first looks its key up, which Azurite's index serves by
 * PartitionKey only, so loading one large partition is quadratic (10 k events took 77 s).
 * The documents have the shape Azurite itself stores (checked against an HTTP upsert).
 */
import { createInterface } from 'node:readline';
import { startEmbeddedAzurite } from '../shared/storage/embedded-azurite';
import { tableNames } from '../shared/storage/table-names';
import { syntheticRows, type SyntheticRows } from './synthetic-events';

interface LokiCollection {
  insert(docs: object[]): void;
  adaptiveBinaryIndices: boolean;
}
interface LokiStore {
  db: { getCollection(name: string): LokiCollection | null };
}

/** Captures Azurite's metadata store as it initialises (internal API of azurite 3.35.0). */
function captureStore(): () => LokiStore {
  /* eslint-disable @typescript-eslint/no-require-imports --
     internal module of a devDependency, patched before the server starts */
  const module = require('azurite/dist/src/table/persistence/LokiTableMetadataStore') as {
    default: { prototype: { init: (...args: unknown[]) => Promise<void> } };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  let store: LokiStore | null = null;
  const init = module.default.prototype.init;
  module.default.prototype.init = function (this: LokiStore, ...args: unknown[]) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the way to reach the store
    const captured: LokiStore = this;
    store = captured;
    return init.apply(this, args);
  };
  return () => {
    if (store === null) throw new Error('Azurite metadata store was not captured');
    return store;
  };
}

function toDocs(rows: Record<string, unknown>[], stamp: string): object[] {
  return rows.map((row) => {
    const { partitionKey, rowKey, ...rest } = row as {
      partitionKey: string;
      rowKey: string;
    } & Record<string, unknown>;
    return {
      PartitionKey: partitionKey,
      RowKey: rowKey,
      properties: {
        PartitionKey: partitionKey,
        RowKey: rowKey,
        ...rest,
        Timestamp: stamp,
        'Timestamp@odata.type': 'Edm.DateTime',
      },
      lastModifiedTime: stamp,
      eTag: `W/"datetime'${encodeURIComponent(stamp)}'"`,
    };
  });
}

async function main(): Promise<void> {
  const store = captureStore();
  const azurite = await startEmbeddedAzurite({ persistence: { kind: 'memory' } });
  process.stdout.write(`${JSON.stringify({ connectionString: azurite.connectionString })}\n`);

  const names = tableNames();
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const { count, from, to } = (JSON.parse(line) as { load: Record<string, number> }).load as {
      count: number;
      from: number;
      to: number;
    };
    const rows = syntheticRows(count, from, to);
    const stamp = new Date().toISOString().replace('Z', '0000Z');
    for (const table of Object.keys(rows) as (keyof SyntheticRows)[]) {
      const collection = store().db.getCollection(`devstoreaccount1$${names[table]}`);
      if (collection === null) throw new Error(`table ${names[table]} is missing`);
      // Rebuild the key indexes once, at the first query, instead of on every insert.
      collection.adaptiveBinaryIndices = false;
      collection.insert(toDocs(rows[table], stamp));
    }
    process.stdout.write(`${JSON.stringify({ loaded: to - from })}\n`);
  });
  input.on('close', () => {
    void azurite.stop().then(() => process.exit(0));
  });
}

void main();
