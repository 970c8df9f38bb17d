/** The local host serves the route table over real HTTP with the handlers' own answers. */
import { LogLevel } from '@azure/functions';

import { startLocalHost, LocalHost } from '../../functions/local-host';
import { HTTP_ROUTES, HttpRoute } from '../../functions/http-routes';
import { environmentStore, invokeRoute, seedCluster, uniqueCluster } from '../support/api-fixtures';

const cluster = uniqueCluster('host');
let host: LocalHost;
const logs: string[] = [];

beforeAll(async () => {
  await seedCluster(await environmentStore(), cluster);
  host = await startLocalHost({
    port: 0,
    log: (level: LogLevel, name: string, message: string) =>
      logs.push(`${level} ${name} ${message}`),
  });
});

afterAll(() => host.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}${path}`, { headers });

describe('startLocalHost', () => {
  it('listens on loopback', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a listing exactly as the handler does', async () => {
    const query = { node: 'node-a', limit: '3' };
    const direct = await invokeRoute('listEvents', { params: { cluster }, query });
    const search = new URLSearchParams(query).toString();
    const response = await get(`/api/clusters/${encodeURIComponent(cluster)}/events?${search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-next-cursor')).toBe(direct.headers.get('x-next-cursor'));
    expect(await response.json()).toEqual(direct.body);
  });

  it('passes headers through: CSV by Accept', async () => {
    const direct = await invokeRoute('listEvents', {
      params: { cluster },
      headers: { Accept: 'text/csv' },
    });
    const response = await get(`/api/clusters/${cluster}/events`, { Accept: 'text/csv' });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(await response.text()).toBe(direct.text);
  });

  it('decodes route parameters', async () => {
    const response = await get(`/api/clusters/${encodeURIComponent(cluster)}/events/evt-03`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'evt-03', cluster });
  });

  it('serves every route of the table', async () => {
    for (const route of HTTP_ROUTES) {
      const path = route.route
        .replace('{cluster}', cluster)
        .replace('{id}', 'evt-00')
        .replace('{date}', '2024-05-01');
      const response = await get(`/api/${path}`);
      expect([route.name, response.status]).toEqual([route.name, 200]);
    }
  });

  it('answers 400 with every problem, as the handler does', async () => {
    const response = await get(`/api/clusters/${cluster}/events?limit=0&scope=x`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details: unknown[] };
    expect(body.details).toHaveLength(2);
    expect(logs.some((l) => l.startsWith('information listEvents api request rejected'))).toBe(
      true,
    );
  });

  it('answers 404 route_not_found for an unknown route', async () => {
    const response = await get('/api/nothing/here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'route_not_found',
      message: 'No route matches /api/nothing/here.',
    });
  });

  it('answers 404 for a path outside /api', async () => {
    expect((await get('/clusters')).status).toBe(404);
  });

  it('answers 405 with Allow for a method the route does not take', async () => {
    const response = await fetch(`${host.url}/api/clusters`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toEqual({
      code: 'method_not_allowed',
      message: '/api/clusters accepts GET.',
    });
  });

  it('answers a generic 500 when a handler throws', async () => {
    const throwing: HttpRoute = {
      ...(HTTP_ROUTES[0] as HttpRoute),
      handler: () => {
        throw new Error('boom at secret');
      },
    };
    const lines: string[] = [];
    const other = await startLocalHost({
      port: 0,
      routes: [throwing],
      log: (level, name, message) => lines.push(`${level} ${name} ${message}`),
    });
    try {
      const response = await fetch(`${other.url}/api/clusters`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'internal_error' });
      expect(text).not.toContain('secret');
      expect(lines.join('\n')).toContain('boom at secret');
    } finally {
      await other.close();
    }
  });
});
