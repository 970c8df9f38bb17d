/**
 * Builds the Table Storage clients: a connection string locally (Azurite or a real account),
 * or the table endpoint with a managed identity in Azure. Clients and the credential are
 * made once per process and reused across invocations.
 */
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential, TokenCredential } from '@azure/identity';

import { APP_SETTINGS, readAppSetting } from '../config/app-settings';
import { TableNames, tableNames } from './table-names';

/** How to reach the table service. */
export type TableAccess =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'identity'; endpoint: string; credential: TokenCredential };

/** One TableClient per table role. */
export type TableClients = { readonly [K in keyof TableNames]: TableClient };

/** Where informational storage messages go; the default drops them. */
export interface StorageLogger {
  info(message: string, fields: Record<string, unknown>): void;
}

const SILENT: StorageLogger = { info: () => undefined };

/** Thrown when neither a connection string nor a table endpoint is configured. */
export class TableAccessNotConfiguredError extends Error {
  constructor() {
    super(
      `Table Storage is not configured: set ${APP_SETTINGS.tableConnectionString} (local) ` +
        `or ${APP_SETTINGS.tableEndpoint} (managed identity).`,
    );
    this.name = 'TableAccessNotConfiguredError';
  }
}

let sharedCredential: TokenCredential | undefined;

/**
 * The process's one credential. `AZURE_CLIENT_ID` picks a user-assigned identity; without it
 * the system-assigned identity (or a developer login, outside Azure) is used.
 */
function processCredential(env: NodeJS.ProcessEnv): TokenCredential {
  const clientId = readAppSetting('managedIdentityClientId', env);
  sharedCredential ??= new DefaultAzureCredential(
    clientId === undefined ? {} : { managedIdentityClientId: clientId },
  );
  return sharedCredential;
}

/** Reads the table access from app settings; a connection string wins over an endpoint. */
export function resolveTableAccess(env: NodeJS.ProcessEnv = process.env): TableAccess {
  const connectionString = readAppSetting('tableConnectionString', env);
  if (connectionString !== undefined) {
    // The SDK fails on a malformed string with an unrelated TypeError; say what is wrong.
    if (!/(^|;)\s*(AccountName|TableEndpoint|UseDevelopmentStorage)\s*=/i.test(connectionString)) {
      throw new Error(
        `${APP_SETTINGS.tableConnectionString} is not a storage connection string: expected ` +
          'key=value pairs such as AccountName=…;AccountKey=… or TableEndpoint=…',
      );
    }
    return { kind: 'connection-string', connectionString };
  }

  const endpoint = readAppSetting('tableEndpoint', env);
  if (endpoint !== undefined) {
    return { kind: 'identity', endpoint, credential: processCredential(env) };
  }
  throw new TableAccessNotConfiguredError();
}

// Azurite speaks plain http; the SDK refuses shared-key auth over http unless told otherwise.
function isHttp(connectionString: string): boolean {
  return /(^|;)\s*(DefaultEndpointsProtocol=http|TableEndpoint=http:|UseDevelopmentStorage=true)/i.test(
    connectionString,
  );
}

/** Creates a client for one table. */
export function createTableClient(access: TableAccess, table: string): TableClient {
  if (access.kind === 'identity') return new TableClient(access.endpoint, table, access.credential);
  const options = { allowInsecureConnection: isHttp(access.connectionString) };
  return TableClient.fromConnectionString(access.connectionString, table, options);
}

/** Creates a service client (table listing and creation). */
export function createTableServiceClient(access: TableAccess): TableServiceClient {
  if (access.kind === 'identity') return new TableServiceClient(access.endpoint, access.credential);
  const options = { allowInsecureConnection: isHttp(access.connectionString) };
  return TableServiceClient.fromConnectionString(access.connectionString, options);
}

/** Creates one client per table of {@link tableNames}, with an optional table-name prefix. */
export function createTableClients(access: TableAccess, prefix = ''): TableClients {
  const names = tableNames(prefix);
  const entries = Object.entries(names).map(([role, name]: [string, string]) => [
    role,
    createTableClient(access, name),
  ]);
  return Object.fromEntries(entries) as TableClients;
}

const processClients = new Map<string, TableClients>();

/**
 * The process's shared clients for the configured access and prefix, made on first use so
 * Functions invocations reuse connections.
 */
export function getTableClients(prefix = '', env: NodeJS.ProcessEnv = process.env): TableClients {
  const key = `${prefix}\u0000${readAppSetting('tableConnectionString', env) ?? ''}`;
  const existing = processClients.get(key);
  if (existing !== undefined) return existing;

  const clients = createTableClients(resolveTableAccess(env), prefix);
  processClients.set(key, clients);
  return clients;
}

/** The HTTP status of an SDK error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Creates a table, treating "already exists" (409) as success: every instance calls this at
 * start-up and all but the first find the table there.
 */
export async function createTableIfMissing(
  client: TableClient,
  log: StorageLogger = SILENT,
): Promise<void> {
  try {
    await client.createTable();
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
    log.info('table already exists', { table: client.tableName });
  }
}

/** Creates every table of a client set (idempotent). */
export async function ensureTables(clients: TableClients, log?: StorageLogger): Promise<void> {
  await Promise.all(Object.values(clients).map((client) => createTableIfMissing(client, log)));
}
