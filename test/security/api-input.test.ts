/**
 * Hostile input through the real HTTP handlers (HttpRequest / InvocationContext): quotes and
 * OData operators, control characters and 100 KB values, in every parameter of every route.
 * Each gets its 400, 404 or an empty page: never a 500, never another cluster's rows. Storage
 * is reached through a counting loopback proxy, so a rejected request is seen to make no
 * storage call at all.
 */
import { app } from '@azure/functions';
import { z } from 'zod';

import { HTTP_ROUTES, type HttpRoute } from '../../functions/http-routes';
import { APP_SETTINGS } from '../../shared/config/app-settings';
import { resolveTableAccess } from '../../shared/storage/table-client-factory';
import {
  environmentStore,
  invokeHandler,
  InvokeInit,
  InvokeResult,
  seedCluster,
  seedTime,
  uniqueCluster,
} from '../support/api-fixtures';
import { startFaultProxy, tableEndpointOf, type FaultProxy } from '../support/fault-proxy';
import { makeEvent } from '../support/storage-fixtures';

const cluster = uniqueCluster('sec');
const other = uniqueCluster('secother');
const HUGE = 'n'.repeat(100 * 1024);

/** Values an attacker tries in a text parameter. */
const HOSTILE: [string, string][] = [
  ['a quote', "node-a'"],
  ['an OData or', "x' or PartitionKey ne '"],
  ['an OData eq', "x' or '1' eq '1"],
  ['an OData and', "node-a' and RowKey ge '"],
  ['a closing paren', "') or (PartitionKey ne '"],
  ['another cluster in a key', `${other}|node-a`],
  ['a NUL', 'node-a\u0000'],
  ['a newline and tab', 'node-a\n\tx'],
  ['other control characters', '\u0001\u001f\u007f\u0085'],
  ['key separators', 'a/b\\c#d?e|f'],
  ['percent escapes', '%27%20or%20%271%27%20eq%20%271'],
];

/** A lone surrogate: query strings carry it (as U+FFFD); a URL path cannot. */
const LONE_SURROGATE: [string, string] = ['a lone surrogate', '\ud800x'];

let proxy: FaultProxy;

beforeAll(async () => {
  const access = resolveTableAccess();
  if (access.kind !== 'connection-string') throw new Error('the tests run on Azurite');
  proxy = await startFaultProxy({ target: tableEndpointOf(access.connectionString) });
  // The handlers build their clients from the app settings: point them at the proxy. Jest
  // gives each test file its own copy of process.env.
  process.env[APP_SETTINGS.tableConnectionString] = proxy.connectionString;

  const store = await environmentStore();
  await seedCluster(store, cluster);
  // Another cluster with the same node, namespace and pod names: never to leak into `cluster`.
  await seedCluster(store, other);
  await store.upsertEvents(other, [
    {
      event: makeEvent({ id: 'other-only', cluster: other, node: "node-a'" }),
      receivedAt: seedTime(0),
    },
  ]);
});

afterAll(async () => {
  await proxy.stop();
});

/** Invokes a route's handler and counts the storage requests it made. */
async function call(route: HttpRoute, init: InvokeInit) {
  const before = proxy.stats.requests;
  const result = await invokeHandler(route.handler, route, init);
  return { result, storageRequests: proxy.stats.requests - before };
}

/** Never a 500, never a stack or storage error, never a row of the other cluster. */
function expectContained(result: InvokeResult): void {
  expect([200, 400, 404]).toContain(result.status);
  expect(result.text).not.toContain(`"cluster":"${other}"`);
  expect(result.text).not.toContain('other-only');
  expect(result.text).not.toMatch(/\bat \S+ \(|RestError|odata\.error/);
}

function pathParameterNames(route: HttpRoute): string[] {
  return Object.keys(route.operation.pathParameters.shape);
}

function queryParameterNames(route: HttpRoute): string[] {
  return Object.keys(route.operation.queryParameters.shape);
}

/** Valid path parameters for `route` on the seeded cluster. */
function validParams(route: HttpRoute): Record<string, string> {
  const values: Record<string, string> = { cluster, id: 'evt-00', date: '2024-05-01' };
  return Object.fromEntries(pathParameterNames(route).map((name) => [name, values[name] ?? 'x']));
}

/** Query parameters that take free text (not enums, numbers, dates or cursors). */
function isFreeText(schema: z.ZodType): boolean {
  const probe = schema.safeParse('free text value');
  return probe.success;
}

const routesWithPath = HTTP_ROUTES.filter((route) => pathParameterNames(route).length > 0);
const queryCases = HTTP_ROUTES.flatMap((route) =>
  queryParameterNames(route).map((name): [string, string, HttpRoute] => [route.name, name, route]),
);

describe('oversized parameters', () => {
  it.each(
    routesWithPath.flatMap((route) =>
      pathParameterNames(route).map((name): [string, string, HttpRoute] => [
        route.name,
        name,
        route,
      ]),
    ),
  )('%s: a 100 KB path parameter %s is a 400 before any storage call', async (_, name, route) => {
    const { result, storageRequests } = await call(route, {
      params: { ...validParams(route), [name]: HUGE },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      code: 'invalid_parameters',
      details: [expect.objectContaining({ parameter: name, in: 'path' })],
    });
    expect(storageRequests).toBe(0);
  });

  it.each(queryCases)(
    '%s: a 100 KB query parameter %s is a 400 before any storage call',
    async (_, name, route) => {
      const { result, storageRequests } = await call(route, {
        params: validParams(route),
        query: { [name]: HUGE },
      });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({
        code: 'invalid_parameters',
        details: [expect.objectContaining({ parameter: name, in: 'query' })],
      });
      expect(storageRequests).toBe(0);
    },
  );

  it('rejects a forged cursor carrying a 100 KB RowKey before any storage call', async () => {
    const cursor = Buffer.from(JSON.stringify({ v: 1, after: HUGE })).toString('base64url');
    const route = HTTP_ROUTES.find((r) => r.name === 'listEvents') as HttpRoute;
    const { result, storageRequests } = await call(route, {
      params: { cluster },
      query: { cursor },
    });
    expect(result.status).toBe(400);
    expect(storageRequests).toBe(0);
  });

  it('rejects an undeclared 100 KB parameter before any storage call', async () => {
    const route = HTTP_ROUTES.find((r) => r.name === 'listEvents') as HttpRoute;
    const { result, storageRequests } = await call(route, {
      params: { cluster },
      query: { [HUGE.slice(0, 1000)]: HUGE },
    });
    expect(result.status).toBe(400);
    expect(storageRequests).toBe(0);
  });
});

describe('quotes, OData operators and control characters', () => {
  const freeTextQueries = queryCases.filter(([, name, route]) =>
    isFreeText(route.operation.queryParameters.shape[name] as z.ZodType),
  );

  it('finds free-text query parameters to attack', () => {
    expect(freeTextQueries.map(([r, name]) => `${r}.${name}`)).toEqual(
      expect.arrayContaining(['listEvents.node', 'listEvents.namespace', 'listEvents.pod']),
    );
  });

  it.each(
    freeTextQueries.flatMap(([routeName, name, route]) =>
      [...HOSTILE, LONE_SURROGATE].map(
        ([label, value]): [string, string, string, HttpRoute, string] => [
          routeName,
          name,
          label,
          route,
          value,
        ],
      ),
    ),
  )(
    '%s: %s with %s gets no rows of its own cluster or another',
    async (_, name, __, route, value) => {
      const { result } = await call(route, {
        params: validParams(route),
        query: { [name]: value },
      });
      expectContained(result);
      if (result.status === 200 && route.name === 'listEvents') {
        expect((result.body as { events: unknown[] }).events).toEqual([]);
      }
    },
  );

  it.each(
    HTTP_ROUTES.flatMap((route) =>
      pathParameterNames(route).flatMap((name) =>
        HOSTILE.map(([label, value]): [string, string, string, HttpRoute, string] => [
          route.name,
          name,
          label,
          route,
          value,
        ]),
      ),
    ),
  )('%s: path %s with %s is a 400 or 404', async (_, name, __, route, value) => {
    const { result } = await call(route, { params: { ...validParams(route), [name]: value } });
    expectContained(result);
    expect([400, 404]).toContain(result.status);
  });

  it.each<[string, Record<string, string>]>([
    ['scope', { scope: "container' or '1' eq '1" }],
    ['limit', { limit: '1 or 1 eq 1' }],
    ['from', { from: "2024-05-01' or RowKey ne '" }],
    ['to', { to: '2024-05-01T00:00:00Z\u0000' }],
    ['format', { format: "csv' or '" }],
  ])('listEvents: a hostile %s is a 400 before any storage call', async (_, query) => {
    const route = HTTP_ROUTES.find((r) => r.name === 'listEvents') as HttpRoute;
    const { result, storageRequests } = await call(route, { params: { cluster }, query });
    expect(result.status).toBe(400);
    expect(storageRequests).toBe(0);
  });

  it("answers the other cluster's quoted node only under that cluster", async () => {
    const route = HTTP_ROUTES.find((r) => r.name === 'listEvents') as HttpRoute;
    const mine = await call(route, { params: { cluster }, query: { node: "node-a'" } });
    const theirs = await call(route, { params: { cluster: other }, query: { node: "node-a'" } });
    expect((mine.result.body as { events: unknown[] }).events).toEqual([]);
    expect((theirs.result.body as { events: { id: string }[] }).events.map((e) => e.id)).toEqual([
      'other-only',
    ]);
  });
});

describe('function keys in Azure', () => {
  // The key (`x-functions-key` header or `code` parameter) is checked by the Functions host
  // before a handler runs; nothing in our code sees a request without one. What we own is that
  // every route asks the host for it.
  it('every route of the table carries authLevel function', () => {
    expect(HTTP_ROUTES.length).toBeGreaterThan(0);
    for (const route of HTTP_ROUTES)
      expect([route.name, route.authLevel]).toEqual([route.name, 'function']);
  });

  it('functions/api.ts registers every route with authLevel function, none anonymous', () => {
    const http = jest.spyOn(app, 'http').mockImplementation(() => undefined);
    // Loaded here, after the spy, and only here: the registration runs once per module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- load it under the spy
    require('../../functions/api');
    const levels = http.mock.calls.map(([name, options]) => [name, options.authLevel]);
    http.mockRestore();
    expect(levels).toEqual(HTTP_ROUTES.map((route) => [route.name, 'function']));
  });
});
