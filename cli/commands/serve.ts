/**
 * `oomwatch serve [--port 7071]`: the HTTP API's route table on loopback through the local
 * host. Storage comes from OOMWATCH_TABLE_CONNECTION_STRING or OOMWATCH_TABLE_ENDPOINT; with
 * neither, an embedded Azurite keeps its data under `.oomwatch/azurite`.
 */
import { Command, InvalidArgumentError } from 'commander';

import { HTTP_ROUTES } from '../../functions/http-routes';
import { startLocalHost } from '../../functions/local-host';
import { routePath } from '../../shared/api/route-prefix';
import { EMBEDDED_DIRECTORY, openStorage } from '../storage-session';

/** Port of `func start`, so URLs in docs work with either host. */
export const DEFAULT_PORT = 7071;

/** Where the embedded Azurite keeps its data, relative to the working directory. */
export const EMBEDDED_AZURITE_DIRECTORY = EMBEDDED_DIRECTORY;

/** Options of {@link serve}. */
export interface ServeOptions {
  port: number;
  azuriteDirectory?: string;
  /** Where the startup lines go; stdout by default. */
  print?: (line: string) => void;
}

/** A running `serve`. */
export interface ServeHandle {
  url: string;
  /** Which storage it uses, in words. */
  storage: string;
  close(): Promise<void>;
}

/** Starts the local host over the CLI's storage session, with the tables created. */
export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const storage = await openStorage(options.azuriteDirectory ?? EMBEDDED_AZURITE_DIRECTORY);
  try {
    const host = await startLocalHost({ port: options.port });
    print(`oomwatch API on ${host.url}${routePath('')} (storage: ${storage.description})`);
    for (const route of HTTP_ROUTES) {
      print(`  ${route.methods.join(',')} ${host.url}${routePath(route.route)}`);
    }
    return {
      url: host.url,
      storage: storage.description,
      close: async () => {
        await host.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** Parses `--port`: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535');
  }
  return port;
}

/** Adds `serve` to the CLI; it runs until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API on loopback, as the Functions host would')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .action(async (options: { port: number }) => {
      const running = await serve({ port: options.port });
      process.stdout.write('Press Ctrl+C to stop.\n');
      const stop = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
