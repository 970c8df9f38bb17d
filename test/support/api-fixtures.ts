/**
 * Helpers for API tests: invoke a route of the table through real HttpRequest and
 * InvocationContext objects, and seed a cluster of hand-made events in the run's Azurite.
 */
import { randomBytes } from 'node:crypto';

import { HttpHandler, HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';

import { HTTP_ROUTES, HttpRoute } from '../../functions/http-routes';
import { routePath } from '../../shared/api/route-prefix';
import { OomKillEvent } from '../../shared/model/event';
import { EventStore } from '../../shared/storage/event-store';
import { ensureTables, getTableClients } from '../../shared/storage/table-client-factory';
import { makeEvent } from './storage-fixtures';

/** A response as a client reads it. */
export interface InvokeResult {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON. */
  body: unknown;
  /** Log lines the handler wrote through its context, as `level: args`. */
  logs: string[];
}

/** A request to send: route params, query pairs (repeats allowed) and headers. */
export interface InvokeInit {
  params?: Record<string, string>;
  query?: Record<string, string> | [string, string][];
  headers?: Record<string, string>;
}

/** The route table entry named `name`. */
export function routeNamed(name: string): HttpRoute {
  const route = HTTP_ROUTES.find((r) => r.name === name);
  if (route === undefined) throw new Error(`no route named ${name}`);
  return route;
}

/** The URL the Functions host would see for a route, its params and query. */
export function routeUrl(route: HttpRoute, init: InvokeInit = {}): string {
  const path = routePath(route.route).replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(init.params?.[name] ?? ''),
  );
  const query = new URLSearchParams(init.query ?? {}).toString();
  return `http://localhost:7071${path}${query === '' ? '' : `?${query}`}`;
}

/** Calls a handler as the host would, reading the response through HttpResponse. */
export async function invokeHandler(
  handler: HttpHandler,
  route: HttpRoute,
  init: InvokeInit = {},
): Promise<InvokeResult> {
  const request = new HttpRequest({
    method: 'GET',
    url: routeUrl(route, init),
    headers: init.headers ?? {},
    params: init.params ?? {},
  });
  const logs: string[] = [];
  const context = new InvocationContext({
    invocationId: 'test-invocation',
    functionName: route.name,
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
  });
  const result = await handler(request, context);
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: isJson ? JSON.parse(text) : undefined,
    logs,
  };
}

/** Calls the route named `name` through its own handler. */
export function invokeRoute(name: string, init: InvokeInit = {}): Promise<InvokeResult> {
  const route = routeNamed(name);
  return invokeHandler(route.handler, route, init);
}

/** A cluster name no other suite uses. */
export function uniqueCluster(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** The process's store (the one the handlers use), with its tables created. */
export async function environmentStore(): Promise<EventStore> {
  await ensureTables(getTableClients());
  return EventStore.fromEnvironment();
}

/** Pods of the seeded clusters. */
export const PODS = {
  cart: { uid: '0f3c2a1e-1111-2222-3333-000000000001', namespace: 'shop', name: 'cart-7d9' },
  /** The same pod name recreated under a new uid. */
  cartAgain: { uid: '0f3c2a1e-1111-2222-3333-000000000003', namespace: 'shop', name: 'cart-7d9' },
  invoicer: {
    uid: '0f3c2a1e-1111-2222-3333-000000000002',
    namespace: 'billing',
    name: 'invoicer-5f',
  },
} as const;

/** Time of the first seeded event; each next one is a minute later. */
export const SEED_T0 = Date.parse('2024-05-01T00:00:00.000Z');

/** The minute `i` of the seed, as ISO. */
export const seedTime = (i: number): string => new Date(SEED_T0 + i * 60_000).toISOString();

/** A recommendation that needs CSV quoting: a comma and double quotes. */
export const QUOTED_RECOMMENDATION = 'Raise the limit, or set "-Xmx" lower.';

/**
 * 13 events a minute apart: i = 0…11 cycle through cart (container scope), invoicer (pod
 * scope) and a pod-less node-scope kill, on node-a (even i) and node-b (odd i); i = 12 is the
 * recreated cart pod. Event 0 carries {@link QUOTED_RECOMMENDATION}.
 */
export function seedEvents(cluster: string): OomKillEvent[] {
  return Array.from({ length: 13 }, (_, i) => {
    const pod = i === 12 ? PODS.cartAgain : [PODS.cart, PODS.invoicer, null][i % 3];
    return makeEvent({
      id: `evt-${String(i).padStart(2, '0')}`,
      cluster,
      node: i % 2 === 0 ? 'node-a' : 'node-b',
      time: seedTime(i),
      scope: pod === null ? 'node' : pod === PODS.invoicer ? 'pod' : 'container',
      pod: pod === null || pod === undefined ? null : { ...pod, qosClass: 'Burstable' },
      recommendation: i === 0 ? QUOTED_RECOMMENDATION : 'Raise the container memory limit.',
    });
  });
}

/** Stores {@link seedEvents} and the names of their pods under `cluster`. */
export async function seedCluster(store: EventStore, cluster: string): Promise<OomKillEvent[]> {
  await store.recordNames(
    cluster,
    Object.values(PODS).map((pod) => ({ kind: 'pod' as const, podUid: pod.uid, ...pod })),
  );
  const events = seedEvents(cluster);
  await store.upsertEvents(
    cluster,
    events.map((event) => ({ event, receivedAt: '2024-05-02T00:00:00.000Z' })),
  );
  return events;
}
