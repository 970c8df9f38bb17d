/**
 * Validates path and query parameters against an operation's zod schemas, one parameter at a
 * time, so a 400 lists every bad parameter at once with a message naming it.
 */
import { z } from 'zod';

import { ApiError, ParameterProblem } from './api-errors';
import type { ApiRequest, OperationSpec } from './api-operation';

/**
 * Query parameters accepted by every operation without being declared: `code` carries the
 * function key in Azure (authLevel 'function') and is checked by the host, not by us.
 */
export const HOST_QUERY_PARAMETERS: ReadonlySet<string> = new Set(['code']);

/** Parsed parameters of an operation. */
export interface ParsedParameters<P extends z.ZodObject, Q extends z.ZodObject> {
  path: z.output<P>;
  query: z.output<Q>;
}

/**
 * Parses every declared parameter; reports undeclared and repeated query parameters too, so a
 * typo (`namepsace=`) is a 400 rather than a silently unfiltered listing.
 */
export function parseParameters<P extends z.ZodObject, Q extends z.ZodObject>(
  spec: Pick<OperationSpec<P, Q>, 'pathParameters' | 'queryParameters' | 'crossCheck'>,
  request: ApiRequest,
): ParsedParameters<P, Q> {
  const problems: ParameterProblem[] = [];

  const grouped = new Map<string, string[]>();
  for (const [name, value] of request.query)
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  const declared = new Set(Object.keys(spec.queryParameters.shape));
  const single: Record<string, string> = {};
  for (const [name, values] of grouped) {
    if (!declared.has(name)) {
      if (!HOST_QUERY_PARAMETERS.has(name)) {
        problems.push({
          parameter: name,
          in: 'query',
          message: 'is not a parameter of this route',
        });
      }
    } else if (values.length > 1) {
      problems.push({ parameter: name, in: 'query', message: 'must be given at most once' });
    } else {
      single[name] = values[0] as string;
    }
  }

  const path = parseEach(spec.pathParameters, request.params, 'path', problems);
  const query = parseEach(spec.queryParameters, single, 'query', problems);
  for (const problem of spec.crossCheck?.(query as Partial<z.output<Q>>) ?? []) {
    problems.push({ ...problem, in: 'query' });
  }

  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 parameter is' : `${problems.length} parameters are`;
    throw new ApiError('invalid_parameters', `${count} not valid; see details.`, problems);
  }
  return { path: path as z.output<P>, query: query as z.output<Q> };
}

/** Parses each field of `schema` from `raw`, adding a problem per field that fails. */
function parseEach(
  schema: z.ZodObject,
  raw: Readonly<Record<string, string>>,
  location: ParameterProblem['in'],
  problems: ParameterProblem[],
): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const result = (field as z.ZodType).safeParse(raw[name]);
    if (result.success) {
      if (result.data !== undefined) parsed[name] = result.data;
    } else {
      // One message per parameter: the first issue says what is wrong with it.
      const message = result.error.issues[0]?.message ?? 'is not valid';
      problems.push({ parameter: name, in: location, message });
    }
  }
  return parsed;
}
