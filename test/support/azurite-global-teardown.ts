/** Jest global teardown: stops the Azurite table service started by the global setup. */
import { EmbeddedAzurite } from '../../shared/storage/embedded-azurite';
import { AZURITE_HANDLE } from './azurite-global-setup';

/** Stops the server left on globalThis by the setup, if it started. */
export default async function azuriteGlobalTeardown(): Promise<void> {
  const slot = globalThis as Record<string, unknown>;
  const azurite = slot[AZURITE_HANDLE] as EmbeddedAzurite | undefined;
  delete slot[AZURITE_HANDLE];
  await azurite?.stop();
}
