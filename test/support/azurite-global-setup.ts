/**
 * Jest global setup: one in-memory Azurite table service for every suite of the run.
 *
 * Global setup runs outside the test workers, so the connection string travels through an
 * environment variable (jest copies process.env to workers) and the server handle through
 * globalThis, which the teardown module shares with this one.
 */
import { APP_SETTINGS } from '../../shared/config/app-settings';
import { EmbeddedAzurite, startEmbeddedAzurite } from '../../shared/storage/embedded-azurite';

/** globalThis slot holding the running server for the teardown. */
export const AZURITE_HANDLE = '__oomwatchAzurite';

/** Starts Azurite and publishes `OOMWATCH_TABLE_CONNECTION_STRING` to the workers. */
export default async function azuriteGlobalSetup(): Promise<void> {
  const azurite = await startEmbeddedAzurite({ persistence: { kind: 'memory' } });
  (globalThis as Record<string, unknown>)[AZURITE_HANDLE] = azurite satisfies EmbeddedAzurite;
  process.env[APP_SETTINGS.tableConnectionString] = azurite.connectionString;
}
