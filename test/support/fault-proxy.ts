/**
 * A loopback HTTP proxy in front of the run's Azurite that fails requests on a deterministic
 * schedule: 503 ServerBusy, a request held and then cut (a client timeout), a connection reset
 * before the request reaches storage, and a reset after storage applied it (the reply is lost).
 * Bounded: it listens on 127.0.0.1 only, holds a request at most `holdMs`, refuses requests
 * past `maxRequests`, and closes itself after `lifetimeMs` if a suite forgets to stop it.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { azuriteConnectionString } from '../../shared/storage/embedded-azurite';

/** What the proxy does with one request. */
export type Fault = 'none' | 'busy' | 'hold' | 'reset' | 'reset-after';

/** The fault for the n-th request (1-based) the proxy receives. */
export type FaultSchedule = (requestNumber: number) => Fault;

/** No faults: the proxy only forwards (and counts). */
export const NO_FAULTS: FaultSchedule = () => 'none';

/** mulberry32: a small seeded PRNG, so a schedule is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every `n`-th request fails with one of `faults`, picked by a PRNG seeded with `seed`; the
 * same request numbers always get the same faults.
 */
export function everyNth(n: number, faults: readonly Fault[], seed: number): FaultSchedule {
  const random = seededRandom(seed);
  const picks = new Map<number, Fault>();
  return (request) => {
    if (request % n !== 0) return 'none';
    let fault = picks.get(request);
    if (fault === undefined) {
      // Draw in request order so the k-th faulted request always gets the same fault.
      for (let k = n * (picks.size + 1); k <= request; k += n) {
        picks.set(k, faults[Math.floor(random() * faults.length)] ?? 'busy');
      }
      fault = picks.get(request) ?? 'busy';
    }
    return fault;
  };
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Azurite's table endpoint, e.g. `http://127.0.0.1:53127/devstoreaccount1`. */
  target: string;
  schedule?: FaultSchedule;
  /** How long a `hold` keeps the request before cutting the connection. */
  holdMs?: number;
  /** Requests after this many are refused (reset), so a retry loop cannot spin forever. */
  maxRequests?: number;
  /** The proxy stops itself after this long. */
  lifetimeMs?: number;
}

/** What went through the proxy. */
export interface FaultProxyStats {
  requests: number;
  /** Requests that reached storage (forwarded), faulted or not. */
  forwarded: number;
  faults: Record<Exclude<Fault, 'none'>, number>;
}

/** A running proxy. */
export interface FaultProxy {
  /** Table endpoint through the proxy (same account path as the target). */
  tableEndpoint: string;
  /** Connection string whose TableEndpoint is the proxy. */
  connectionString: string;
  stats: FaultProxyStats;
  /** Replaces the schedule; request numbering continues. */
  setSchedule(schedule: FaultSchedule): void;
  stop(): Promise<void>;
}

/** The table endpoint of a connection string (`TableEndpoint=…`). */
export function tableEndpointOf(connectionString: string): string {
  const match = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString);
  if (!match?.[1]) throw new Error('connection string has no TableEndpoint');
  return match[1].replace(/\/$/, '');
}

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
    throw new Error(`the fault proxy only fronts a loopback target, not ${target.hostname}`);
  }
  let schedule = options.schedule ?? NO_FAULTS;
  const holdMs = options.holdMs ?? 300;
  const maxRequests = options.maxRequests ?? 10_000;
  const stats: FaultProxyStats = {
    requests: 0,
    forwarded: 0,
    faults: { busy: 0, hold: 0, reset: 0, 'reset-after': 0 },
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const forward = (
    request: http.IncomingMessage,
    onResponse: (r: http.IncomingMessage) => void,
  ) => {
    stats.forwarded += 1;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      onResponse,
    );
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  };

  const server = http.createServer((request, response) => {
    stats.requests += 1;
    const fault = stats.requests > maxRequests ? 'reset' : schedule(stats.requests);
    if (fault !== 'none') stats.faults[fault] += 1;

    switch (fault) {
      case 'none':
        forward(request, (upstream) => {
          response.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(response);
        });
        return;
      case 'busy':
        request.resume();
        request.on('end', () => {
          response.writeHead(503, {
            'Content-Type': 'application/json;odata=minimalmetadata',
            'x-ms-error-code': 'ServerBusy',
          });
          response.end(
            JSON.stringify({
              'odata.error': {
                code: 'ServerBusy',
                message: { lang: 'en-US', value: 'The server is busy (injected).' },
              },
            }),
          );
        });
        return;
      case 'hold': {
        request.resume();
        const timer = setTimeout(() => {
          timers.delete(timer);
          request.socket.destroy();
        }, holdMs);
        timers.add(timer);
        return;
      }
      case 'reset':
        request.socket.destroy();
        return;
      case 'reset-after':
        // Storage applies the request; the client never hears back.
        forward(request, (upstream) => {
          upstream.resume();
          upstream.on('end', () => request.socket.destroy());
        });
        return;
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      server.close(() => resolve());
    });
    return stopped;
  };
  const lifetime = setTimeout(() => void stop(), options.lifetimeMs ?? 120_000);
  lifetime.unref();

  const tableEndpoint = `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`;
  return {
    tableEndpoint,
    connectionString: azuriteConnectionString(tableEndpoint),
    stats,
    setSchedule: (next) => {
      schedule = next;
    },
    stop,
  };
}
