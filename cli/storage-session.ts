/**
 * Storage for one CLI run: the configured account (OOMWATCH_TABLE_CONNECTION_STRING or
 * OOMWATCH_TABLE_ENDPOINT with Azure sign-in), else the embedded Azurite persisting under
 * ./.oomwatch/azurite, stopped when the command ends.
 */
import { APP_SETTINGS, readAppSetting } from '../shared/config/app-settings';
import { startEmbeddedAzurite } from '../shared/storage/embedded-azurite';
import { EventStore } from '../shared/storage/event-store';
import {
  ensureTables,
  getTableClients,
  type TableClients,
} from '../shared/storage/table-client-factory';

export interface StorageSession {
  tables: TableClients;
  store: EventStore;
  /** Where the data lives, in words, for the user. */
  description: string;
  close(): Promise<void>;
}

/** Where the embedded emulator keeps its data. */
export const EMBEDDED_DIRECTORY = '.oomwatch/azurite';

/**
 * Opens storage, starting the embedded Azurite (data under `directory`) when nothing is
 * configured; its connection string is then set in process.env for handlers in this process.
 */
export async function openStorage(directory = EMBEDDED_DIRECTORY): Promise<StorageSession> {
  let stop = () => Promise.resolve();
  let description: string;
  if (readAppSetting('tableConnectionString') !== undefined) {
    description = APP_SETTINGS.tableConnectionString;
  } else if (readAppSetting('tableEndpoint') !== undefined) {
    description = `${APP_SETTINGS.tableEndpoint} (managed identity or developer login)`;
  } else {
    const azurite = await startEmbeddedAzurite({
      persistence: { kind: 'directory', path: directory },
    });
    process.env[APP_SETTINGS.tableConnectionString] = azurite.connectionString;
    stop = () => azurite.stop();
    description = `embedded Azurite in ${directory}`;
  }

  try {
    const tables = getTableClients();
    await ensureTables(tables);
    return { tables, store: new EventStore(tables), description, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
