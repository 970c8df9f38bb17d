/**
 * Starts Azurite's table service inside this process: the CLI's embedded default store and
 * the jest harness share this one implementation.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A running embedded Azurite table service. */
export interface EmbeddedAzurite {
  /** Full connection string for the devstoreaccount1 account on the chosen port. */
  connectionString: string;
  /** Table endpoint URL, e.g. `http://127.0.0.1:53127/devstoreaccount1`. */
  tableEndpoint: string;
  /** Stops the server; for on-disk mode Azurite flushes its database first. */
  stop(): Promise<void>;
}

/** Where the embedded service keeps its data. */
export type AzuritePersistence = { kind: 'memory' } | { kind: 'directory'; path: string };

/** Options for {@link startEmbeddedAzurite}. */
export interface EmbeddedAzuriteOptions {
  persistence: AzuritePersistence;
  /** Loopback port; 0 (the default) lets the OS pick a free one. */
  port?: number;
  host?: string;
}

/** The well-known Azurite account; its key is public and documented by Microsoft. */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
/** The well-known Azurite account key (public, not a secret). */
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

// The file name Azurite's own CLI uses, so `azurite-table --location <dir>` can read it too.
const TABLE_DB_FILE = '__azurite_db_table__.json';

interface TableServerLike {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}

type TableServerClass = new (config: unknown) => TableServerLike;

type TableConfigurationClass = new (...args: unknown[]) => unknown;

interface AzuriteModules {
  TableServer: TableServerClass;
  TableConfiguration: TableConfigurationClass;
}

/**
 * Loads Azurite's table server classes on first use.
 *
 * Azurite is a devDependency and its package main pulls in `vscode`, so the internal
 * `dist/src/table` modules are required directly and only when a caller asks for them.
 * NOTE: these paths are not a public API; they are pinned to azurite 3.35.0.
 */
function loadAzurite(): AzuriteModules {
  /* eslint-disable @typescript-eslint/no-require-imports --
     lazy load of an optional devDependency */
  const server = require('azurite/dist/src/table/TableServer') as { default: TableServerClass };
  const config = require('azurite/dist/src/table/TableConfiguration') as {
    default: TableConfigurationClass;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { TableServer: server.default, TableConfiguration: config.default };
}

/** Builds the connection string the data-tables SDK needs for an http Azurite endpoint. */
export function azuriteConnectionString(tableEndpoint: string): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT_NAME}`,
    `AccountKey=${AZURITE_ACCOUNT_KEY}`,
    `TableEndpoint=${tableEndpoint}`,
  ].join(';');
}

/**
 * Starts Azurite's table service on a loopback port, in memory or under a directory.
 * Telemetry is never initialised (only Azurite's CLI entry point does that), and the access
 * and debug logs are off so tests and the CLI print nothing of Azurite's.
 */
export async function startEmbeddedAzurite(
  options: EmbeddedAzuriteOptions,
): Promise<EmbeddedAzurite> {
  const { TableServer, TableConfiguration } = loadAzurite();
  const inMemory = options.persistence.kind === 'memory';
  const directory = options.persistence.kind === 'directory' ? options.persistence.path : '';
  if (!inMemory) mkdirSync(directory, { recursive: true });

  // Positional arguments of TableConfiguration in 3.35.0, named here for the reader.
  const config = new TableConfiguration(
    options.host ?? '127.0.0.1',
    options.port ?? 0,
    5, // keepAliveTimeout, seconds
    inMemory ? TABLE_DB_FILE : join(directory, TABLE_DB_FILE),
    false, // enableDebugLog
    false, // enableAccessLog
    undefined, // accessLogWriteStream
    undefined, // debugLogFilePath
    true, // loose: ignore headers Azurite does not support instead of failing
    true, // skipApiVersionCheck: the SDK may be newer than this Azurite
    '', // cert
    '', // key
    '', // pwd
    undefined, // oauth
    false, // disableProductStyleUrl
    inMemory, // isMemoryPersistence
  );
  const server = new TableServer(config);
  await server.start();

  const tableEndpoint = `${server.getHttpServerAddress()}/${AZURITE_ACCOUNT_NAME}`;
  return {
    connectionString: azuriteConnectionString(tableEndpoint),
    tableEndpoint,
    stop: () => server.close(),
  };
}
