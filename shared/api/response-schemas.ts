/**
 * JSON Schemas of the response bodies, for the OpenAPI document. They name the fields a client
 * relies on; the event's full contract is shared/model/event.ts (fields may be added).
 */
import { SCOPES } from '../model/event';

const nullable = (type: string) => ({ type: [type, 'null'] });

/** One cluster in `GET /api/clusters`. */
export const CLUSTER_INFO_SCHEMA = {
  type: 'object',
  required: ['cluster', 'firstEventTime', 'lastEventTime', 'eventsSeen'],
  properties: {
    cluster: { type: 'string' },
    firstEventTime: { type: 'string', format: 'date-time' },
    lastEventTime: { type: 'string', format: 'date-time' },
    eventsSeen: { type: 'integer' },
  },
};

const EVENT_PROPERTIES = {
  kind: { const: 'oom-kill' },
  id: { type: 'string' },
  cluster: nullable('string'),
  node: nullable('string'),
  time: { type: ['string', 'null'], format: 'date-time' },
  kernelTime: nullable('number'),
  scope: { type: 'string', enum: [...SCOPES] },
  constraint: nullable('string'),
  victim: nullable('object'),
  trigger: nullable('object'),
  memcg: nullable('object'),
  pod: nullable('object'),
  container: nullable('object'),
  groupKill: { type: 'boolean' },
  killed: { type: 'array', items: { type: 'object' } },
  recommendation: { type: 'string' },
  childKillSuspected: { type: 'boolean' },
  childKillEvidence: { type: 'array', items: { type: 'string' } },
  partial: { type: 'boolean' },
};

/** An event in a listing: the event without raw lines, task table and memory stats. */
export const EVENT_LIST_ITEM_SCHEMA = {
  type: 'object',
  required: ['kind', 'id', 'scope'],
  properties: EVENT_PROPERTIES,
};

/** The whole event. */
export const EVENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'id', 'scope', 'rawLines', 'tasks', 'memoryStats'],
  properties: {
    ...EVENT_PROPERTIES,
    memoryStats: { type: 'object', additionalProperties: { type: 'number' } },
    tasks: { type: 'array', items: { type: 'object' } },
    rawLines: { type: 'array', items: { type: 'string' } },
  },
};

/** A page of events. */
export const EVENT_PAGE_SCHEMA = {
  type: 'object',
  required: ['cluster', 'events', 'nextCursor'],
  properties: {
    cluster: { type: 'string' },
    events: { type: 'array', items: EVENT_LIST_ITEM_SCHEMA },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as `cursor` for the next page; null on the last page.',
    },
  },
};
