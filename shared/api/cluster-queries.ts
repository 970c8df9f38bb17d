/** `GET /api/clusters`: every cluster with events, its first and last event time and count. */
import { z } from 'zod';

import { defineOperation } from './api-operation';
import { CLUSTER_INFO_SCHEMA } from './response-schemas';

/** Lists the clusters. */
export const listClustersOperation = defineOperation({
  summary: 'List clusters',
  description:
    'Every cluster with stored events, by name, with the time of its first and last event. ' +
    '`eventsSeen` counts events as written, so a replayed batch counts again.',
  pathParameters: z.object({}),
  queryParameters: z.object({}),
  produces: ['application/json'],
  responseSchema: {
    type: 'object',
    required: ['clusters'],
    properties: { clusters: { type: 'array', items: CLUSTER_INFO_SCHEMA } },
  },
  errors: ['invalid_parameters'],
  run: async (_input, deps) => ({
    status: 200,
    json: { clusters: await deps.store().listClusters() },
  }),
});
