/**
 * Every route of the API through its registered handler, with real HttpRequest and
 * InvocationContext objects, against the run's Azurite.
 */
import { httpHandler } from '../../functions/http-handler';
import { listClustersOperation } from '../../shared/api/cluster-queries';
import { OomKillEvent } from '../../shared/model/event';
import {
  environmentStore,
  invokeHandler,
  invokeRoute,
  InvokeResult,
  PODS,
  QUOTED_RECOMMENDATION,
  routeNamed,
  seedCluster,
  seedTime,
  uniqueCluster,
} from '../support/api-fixtures';
import { makeEvent } from '../support/storage-fixtures';

interface EventPageBody {
  cluster: string;
  events: (Partial<OomKillEvent> & { id: string })[];
  nextCursor: string | null;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: { parameter: string; in: string; message: string }[];
}

const ISO =
  'must be an ISO-8601 date-time with a time zone (2024-05-01T10:00:00Z, ' +
  '2024-05-01T12:00:00+02:00) or a UTC date (2024-05-01)';
const LIMIT = 'must be a whole number from 1 to 1000';
const CURSOR = 'is not a cursor of this API: pass the nextCursor of the previous page unchanged';

const cluster = uniqueCluster('api');
const other = uniqueCluster('apiother');
let seeded: OomKillEvent[];

/** Ids of seeded events i, newest first. */
const newestFirst = (indexes: number[]) =>
  [...indexes].sort((a, b) => b - a).map((i) => `evt-${String(i).padStart(2, '0')}`);
const ALL = Array.from({ length: 13 }, (_, i) => i);

function listEvents(query: Record<string, string> | [string, string][] = {}, headers = {}) {
  return invokeRoute('listEvents', { params: { cluster }, query, headers });
}

function page(result: InvokeResult): EventPageBody {
  expect(result.status).toBe(200);
  return result.body as EventPageBody;
}

function ids(result: InvokeResult): string[] {
  return page(result).events.map((event) => event.id);
}

function problems(result: InvokeResult): ErrorBody['details'] {
  expect(result.status).toBe(400);
  const body = result.body as ErrorBody;
  expect(body.code).toBe('invalid_parameters');
  return body.details;
}

beforeAll(async () => {
  const store = await environmentStore();
  seeded = await seedCluster(store, cluster);
  // Another cluster with the same nodes, namespaces and pods: never to appear in `cluster`.
  await store.upsertEvents(
    other,
    [0, 1, 2].map((i) => ({
      event: makeEvent({ id: `other-${i}`, cluster: other, node: 'node-a', time: seedTime(i) }),
      receivedAt: seedTime(i),
    })),
  );
});

describe('GET /api/clusters', () => {
  it('lists the seeded cluster with its first and last event time and count', async () => {
    const result = await invokeRoute('listClusters');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { clusters } = result.body as { clusters: { cluster: string }[] };
    expect(clusters.find((c) => c.cluster === cluster)).toEqual({
      cluster,
      firstEventTime: seedTime(0),
      lastEventTime: seedTime(12),
      eventsSeen: 13,
    });
    expect(clusters.map((c) => c.cluster)).toContain(other);
  });
});

describe('GET /api/clusters/{cluster}/events', () => {
  it('lists newest first, without raw lines, task table or memory stats', async () => {
    const result = await listEvents();
    const body = page(result);
    expect(body.cluster).toBe(cluster);
    expect(body.nextCursor).toBeNull();
    expect(body.events.map((e) => e.id)).toEqual(newestFirst(ALL));
    const listed: Partial<OomKillEvent> = { ...seeded[12] };
    for (const key of ['rawLines', 'tasks', 'memoryStats'] as const) delete listed[key];
    expect(body.events[0]).toEqual(listed);
    expect(result.headers.get('x-next-cursor')).toBeNull();
  });

  it('pages with the cursor: every event exactly once, newest first', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '5', ...(cursor ? { cursor } : {}) };
      const result = await listEvents(query);
      const body = page(result);
      sizes.push(body.events.length);
      seen.push(...body.events.map((e) => e.id));
      expect(result.headers.get('x-next-cursor')).toBe(body.nextCursor);
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(sizes).toEqual([5, 5, 3]);
    expect(seen).toEqual(newestFirst(ALL));
  });

  it('pages across the partitions of a pod name that two pods have had', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { pod: 'cart-7d9', limit: '2' };
      if (cursor !== null) query.cursor = cursor;
      const body = page(await listEvents(query));
      expect(body.events.length).toBeLessThanOrEqual(2);
      seen.push(...body.events.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(newestFirst([0, 3, 6, 9, 12]));
  });

  it.each<[string, Record<string, string>, number[]]>([
    ['node', { node: 'node-a' }, [0, 2, 4, 6, 8, 10, 12]],
    ['namespace', { namespace: 'shop' }, [0, 3, 6, 9, 12]],
    ['pod name', { pod: 'invoicer-5f' }, [1, 4, 7, 10]],
    ['pod uid', { pod: PODS.cart.uid }, [0, 3, 6, 9]],
    ['pod name in a namespace', { pod: 'cart-7d9', namespace: 'shop' }, [0, 3, 6, 9, 12]],
    ['pod name in another namespace', { pod: 'cart-7d9', namespace: 'billing' }, []],
    ['scope', { scope: 'node' }, [2, 5, 8, 11]],
    ['from (inclusive)', { from: seedTime(10) }, [10, 11, 12]],
    ['to (exclusive)', { to: seedTime(2) }, [0, 1]],
    ['from and to', { from: seedTime(3), to: seedTime(6) }, [3, 4, 5]],
    ['from as a date', { from: '2024-05-01', to: '2024-05-01T00:02:00+00:00' }, [0, 1]],
    ['to with an offset', { to: '2024-05-01T02:01:00+02:00' }, [0]],
    ['node and scope', { node: 'node-b', scope: 'pod' }, [1, 7]],
    ['namespace and node', { namespace: 'billing', node: 'node-a' }, [4, 10]],
    ['an unknown node', { node: 'node-z' }, []],
  ])('filters by %s', async (_, query, expected) => {
    expect(ids(await listEvents(query))).toEqual(newestFirst(expected));
  });

  it('ignores the function key parameter the Functions host reads', async () => {
    expect(ids(await listEvents({ code: 'secret', limit: '1' }))).toEqual(newestFirst([12]));
  });

  describe('CSV', () => {
    const header =
      'cluster,id,time,node,scope,namespace,pod,podUid,qosClass,container,victimPid,' +
      'victimName,victimAnonRssKb,memcgUsageKb,memcgLimitKb,groupKill,childKillSuspected,' +
      'partial,recommendation';
    const quoted = '"Raise the limit, or set ""-Xmx"" lower."';

    it.each<[string, Record<string, string>, Record<string, string>]>([
      ['Accept: text/csv', { scope: 'container' }, { Accept: 'text/csv' }],
      ['format=csv', { scope: 'container', format: 'csv' }, {}],
      [
        'format=csv over an Accept of JSON',
        { scope: 'container', format: 'csv' },
        {
          Accept: 'application/json',
        },
      ],
    ])('answers CSV for %s', async (_, query, headers) => {
      const result = await listEvents(query, headers);
      expect(result.status).toBe(200);
      expect(result.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      const lines = result.text.split('\r\n');
      expect(lines[0]).toBe(header);
      expect(lines).toHaveLength(1 + 5 + 1); // header, five events, and the final CRLF
      expect(lines[5]).toBe(
        [
          cluster,
          'evt-00',
          seedTime(0),
          'node-a',
          'container',
          'shop',
          'cart-7d9',
          PODS.cart.uid,
          'Burstable',
          '',
          '4242',
          'java',
          '500000',
          '524288',
          '524288',
          'false',
          'false',
          'false',
          quoted,
        ].join(','),
      );
      expect(QUOTED_RECOMMENDATION).toContain(',');
    });

    it('answers JSON when format=json overrides Accept: text/csv', async () => {
      const result = await listEvents({ format: 'json', limit: '1' }, { Accept: 'text/csv' });
      expect(result.headers.get('content-type')).toContain('application/json');
    });

    it('sends the next cursor in a header with CSV', async () => {
      const result = await listEvents({ format: 'csv', limit: '12' });
      const cursor = result.headers.get('x-next-cursor');
      expect(cursor).not.toBeNull();
      const rest = await listEvents({ format: 'csv', cursor: cursor as string });
      expect(rest.text.split('\r\n')[1]).toMatch(new RegExp(`^${cluster},evt-00,`));
    });
  });

  describe('validation', () => {
    it.each<[string, Record<string, string>, { parameter: string; message: string }]>([
      [
        'an unknown scope',
        { scope: 'cgroup' },
        {
          parameter: 'scope',
          message:
            'must be one of container, pod, node, global, system, cpuset, mempolicy, unknown',
        },
      ],
      ['a from that is no date', { from: 'yesterday' }, { parameter: 'from', message: ISO }],
      ['a to without a zone', { to: '2024-05-01T10:00:00' }, { parameter: 'to', message: ISO }],
      ['an impossible date', { to: '2024-02-30' }, { parameter: 'to', message: ISO }],
      [
        'a from before 1970',
        { from: '1960-01-01' },
        {
          parameter: 'from',
          message: 'must be after 1970-01-01T00:00:00Z and before the year 2286',
        },
      ],
      [
        'a to not after from',
        { from: seedTime(5), to: seedTime(5) },
        { parameter: 'to', message: 'must be later than from' },
      ],
      ['limit 0', { limit: '0' }, { parameter: 'limit', message: LIMIT }],
      ['limit 1001', { limit: '1001' }, { parameter: 'limit', message: LIMIT }],
      ['limit 2.5', { limit: '2.5' }, { parameter: 'limit', message: LIMIT }],
      ['limit abc', { limit: 'abc' }, { parameter: 'limit', message: LIMIT }],
      ['a bad cursor', { cursor: 'not-a-cursor' }, { parameter: 'cursor', message: CURSOR }],
      [
        'a cursor of the wrong shape',
        { cursor: Buffer.from('{"v":2,"after":"x"}').toString('base64url') },
        { parameter: 'cursor', message: CURSOR },
      ],
      [
        'an empty node',
        { node: '' },
        { parameter: 'node', message: 'must not be empty when given' },
      ],
      ['format xml', { format: 'xml' }, { parameter: 'format', message: 'must be json or csv' }],
      [
        'a misspelt parameter',
        { namepsace: 'shop' },
        { parameter: 'namepsace', message: 'is not a parameter of this route' },
      ],
    ])('rejects %s', async (_, query, problem) => {
      const result = await listEvents(query);
      expect(result.body).toEqual({
        code: 'invalid_parameters',
        message: '1 parameter is not valid; see details.',
        details: [{ ...problem, in: 'query' }],
      });
      expect(result.logs.some((l) => l.startsWith('information: api request rejected'))).toBe(true);
    });

    it('rejects a parameter given twice', async () => {
      const result = await listEvents([
        ['node', 'node-a'],
        ['node', 'node-b'],
      ]);
      expect(problems(result)).toEqual([
        { parameter: 'node', in: 'query', message: 'must be given at most once' },
      ]);
    });

    it('lists every bad parameter at once', async () => {
      const result = await listEvents({
        scope: 'heap',
        from: 'soon',
        to: 'later',
        limit: '1001',
        cursor: '%%%',
        extra: '1',
      });
      expect(result.body).toMatchObject({ message: '6 parameters are not valid; see details.' });
      expect(
        problems(result)
          ?.map((p) => p.parameter)
          .sort(),
      ).toEqual(['cursor', 'extra', 'from', 'limit', 'scope', 'to'].sort());
    });

    it('rejects an over-long cluster name in the path', async () => {
      const result = await invokeRoute('listEvents', { params: { cluster: 'c'.repeat(254) } });
      expect(problems(result)).toEqual([
        { parameter: 'cluster', in: 'path', message: 'must be at most 253 characters' },
      ]);
    });
  });

  describe('OData injection', () => {
    it.each<[string, Record<string, string>]>([
      ['pod', { pod: "x' or PartitionKey ne '" }],
      ['node', { node: "a' or '1' eq '1" }],
      ['namespace', { namespace: "shop' or RowKey ne '" }],
      ['pod uid-like with a quote', { pod: "0f3c2a1e-1111-2222-3333-000000000001' or '1' eq '1" }],
    ])('answers no events for a quoted %s, and no error', async (_, query) => {
      const result = await listEvents(query);
      expect(result.status).toBe(200);
      expect(page(result).events).toEqual([]);
      expect(result.text).not.toContain(other);
    });

    it('keeps to the cluster in the path when the cluster itself carries a quote', async () => {
      const result = await invokeRoute('listEvents', {
        params: { cluster: `${cluster}' or PartitionKey ne '` },
      });
      expect(result.status).toBe(404);
    });
  });

  it('answers 404 for an unknown cluster', async () => {
    const result = await invokeRoute('listEvents', { params: { cluster: 'no-such-cluster' } });
    expect(result.status).toBe(404);
    expect(result.body).toEqual({
      code: 'cluster_not_found',
      message: "No events are stored for cluster 'no-such-cluster'.",
    });
  });
});

describe('GET /api/clusters/{cluster}/events/{id}', () => {
  it('answers the whole event, raw lines, memory stats and task table included', async () => {
    const result = await invokeRoute('getEvent', { params: { cluster, id: 'evt-04' } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(seeded[4]);
    expect(result.body).toHaveProperty('rawLines', seeded[4]?.rawLines);
  });

  it('answers 404 event_not_found for an unknown id', async () => {
    const result = await invokeRoute('getEvent', { params: { cluster, id: 'evt-99' } });
    expect(result.status).toBe(404);
    expect(result.body).toEqual({
      code: 'event_not_found',
      message: `Cluster '${cluster}' has no event with id 'evt-99'.`,
    });
  });

  it("answers 404 for another cluster's event id", async () => {
    const result = await invokeRoute('getEvent', { params: { cluster, id: 'other-0' } });
    expect((result.body as ErrorBody).code).toBe('event_not_found');
  });

  it('answers 404 cluster_not_found for an unknown cluster', async () => {
    const result = await invokeRoute('getEvent', { params: { cluster: 'nope', id: 'evt-01' } });
    expect(result.status).toBe(404);
    expect((result.body as ErrorBody).code).toBe('cluster_not_found');
  });

  it('rejects query parameters it does not take', async () => {
    const result = await invokeRoute('getEvent', {
      params: { cluster, id: 'evt-01' },
      query: { format: 'csv' },
    });
    expect(problems(result)).toEqual([
      { parameter: 'format', in: 'query', message: 'is not a parameter of this route' },
    ]);
  });
});

describe('GET /api/openapi.json', () => {
  it('answers an OpenAPI 3.1 document', async () => {
    const result = await invokeRoute('getOpenApiDocument');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ openapi: '3.1.0', info: { title: 'oomwatch API' } });
  });
});

describe('unexpected errors', () => {
  it('answers a generic 500 and logs the cause through the context', async () => {
    const failing = httpHandler(listClustersOperation, {
      store: () => {
        throw new Error('table service exploded at secret-host:10002');
      },
    });
    const result = await invokeHandler(failing, routeNamed('listClusters'));
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      code: 'internal_error',
      message: 'The server failed to answer; the error was logged. Try again later.',
    });
    expect(result.text).not.toContain('secret-host');
    expect(result.text).not.toContain(' at ');
    expect(result.logs.filter((line) => line.startsWith('error: api request failed'))).toHaveLength(
      1,
    );
    expect(result.logs.join('\n')).toContain('table service exploded');
  });
});
