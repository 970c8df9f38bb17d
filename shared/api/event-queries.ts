/**
 * `GET /api/clusters/{cluster}/events` and `…/events/{id}`. Each listing is served by the
 * store's index for its filters (pod, namespace, node, or the cluster's time index), newest
 * first; values reach Table Storage filters only through the store's `odata` queries.
 */
import { z } from 'zod';

import { SCOPES } from '../model/event';
import { EventQuery } from '../storage/event-store';
import { ApiError } from './api-errors';
import { defineOperation } from './api-operation';
import { eventsToCsv, toListItem } from './event-views';
import {
  clusterPathParameters,
  cursorParameter,
  formatParameter,
  isoInstant,
  limitParameter,
  pathText,
  queryText,
} from './parameter-schemas';
import { EVENT_PAGE_SCHEMA, EVENT_SCHEMA } from './response-schemas';
import { chooseListFormat } from './response-format';

/** Header carrying the next page's cursor, for CSV readers who see no JSON body. */
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

const eventListQuery = z.object({
  node: queryText('Node name.', 253),
  namespace: queryText('Pod namespace.', 253),
  pod: queryText('Pod name, or pod uid (a UUID or a static pod’s 32-hex hash).', 253),
  scope: z
    .enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` })
    .optional()
    .meta({ description: 'Which limit the kernel hit.' }),
  from: isoInstant('Events filed at or after this time (inclusive).'),
  to: isoInstant('Events filed before this time (exclusive).'),
  limit: limitParameter,
  cursor: cursorParameter,
  format: formatParameter,
});

/** The 404 of a cluster with no stored events. */
export function clusterNotFound(cluster: string): ApiError {
  return new ApiError('cluster_not_found', `No events are stored for cluster '${cluster}'.`);
}

/** Lists a cluster's events, newest first, a page at a time. */
export const listEventsOperation = defineOperation({
  summary: 'List events of a cluster',
  description:
    'OOM-kill events newest first (by the time they are filed under: their own time, or ' +
    'when oomwatch received them). Filters combine. Pass `nextCursor` back as `cursor` for ' +
    'the next page. JSON by default; CSV with `Accept: text/csv` or `format=csv`, with the ' +
    `next cursor in the ${NEXT_CURSOR_HEADER} header.`,
  pathParameters: clusterPathParameters,
  queryParameters: eventListQuery,
  crossCheck: ({ from, to }) =>
    from !== undefined && to !== undefined && from.getTime() >= to.getTime()
      ? [{ parameter: 'to', message: 'must be later than from' }]
      : [],
  produces: ['application/json', 'text/csv'],
  responseSchema: EVENT_PAGE_SCHEMA,
  errors: ['invalid_parameters', 'cluster_not_found'],
  run: async ({ path, query, accept }, deps) => {
    const store = deps.store();
    const { format, ...filters } = query;
    const request: EventQuery = { cluster: path.cluster, ...filters };
    const [known, page] = await Promise.all([
      store.findCluster(path.cluster),
      store.listEvents(request),
    ]);
    if (known === null) throw clusterNotFound(path.cluster);

    const headers: Record<string, string> =
      page.nextCursor === null ? {} : { [NEXT_CURSOR_HEADER]: page.nextCursor };
    if (chooseListFormat(format, accept) === 'csv') {
      const text = eventsToCsv(path.cluster, page.events);
      return { status: 200, text, contentType: 'text/csv; charset=utf-8; header=present', headers };
    }
    const events = page.events.map(toListItem);
    return {
      status: 200,
      json: { cluster: path.cluster, events, nextCursor: page.nextCursor },
      headers,
    };
  },
});

/** One whole event: raw lines, memory stats and task table included. */
export const getEventOperation = defineOperation({
  summary: 'Get one event',
  description: 'The whole event, with its raw kernel lines, memory stats and task table.',
  pathParameters: clusterPathParameters.extend({ id: pathText('Event id.', 256) }),
  queryParameters: z.object({}),
  produces: ['application/json'],
  responseSchema: EVENT_SCHEMA,
  errors: ['invalid_parameters', 'cluster_not_found', 'event_not_found'],
  run: async ({ path }, deps) => {
    const store = deps.store();
    const event = await store.getEvent(path.cluster, path.id);
    if (event !== null) return { status: 200, json: event };

    if ((await store.findCluster(path.cluster)) === null) throw clusterNotFound(path.cluster);
    throw new ApiError(
      'event_not_found',
      `Cluster '${path.cluster}' has no event with id '${path.id}'.`,
    );
  },
});
