/**
 * An API operation as plain data and functions: its parameter schemas (zod, also the source of
 * the OpenAPI parameters), what it answers, and how. Hosts turn their request into an
 * {@link ApiRequest} and an {@link ApiResult} back into their response; nothing here knows
 * about @azure/functions.
 */
import { z } from 'zod';

import { ApiError, ApiErrorCode, internalErrorBody } from './api-errors';
import { ApiStore } from './api-store';
import { parseParameters } from './parse-parameters';

/** A request as the host received it. */
export interface ApiRequest {
  /** Route parameters, matched and URL-decoded by the host. */
  params: Readonly<Record<string, string>>;
  /** The query string's pairs in order, repeats kept. */
  query: readonly (readonly [string, string])[];
  /** The Accept header, or null. */
  accept: string | null;
}

/** What an operation answers: a JSON value or a text body of a given media type. */
export type ApiResult =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> };

/** What operations may use, made lazily so an operation that needs no storage never asks. */
export interface ApiDependencies {
  store(): ApiStore;
}

/** The media types an operation's success response may have; the first is the default. */
export type ApiMediaType = 'application/json' | 'text/csv' | 'text/html';

/** The parts of an operation the OpenAPI document is written from. */
export interface ApiOperationDoc {
  summary: string;
  description: string;
  pathParameters: z.ZodObject;
  queryParameters: z.ZodObject;
  produces: readonly ApiMediaType[];
  /** JSON Schema of the 200 JSON body. */
  responseSchema: Record<string, unknown>;
  /** The error codes the operation answers with, besides internal_error. */
  errors: readonly ApiErrorCode[];
}

/** An operation with its types erased, as route tables hold it. */
export interface ApiOperation extends ApiOperationDoc {
  /** Validates the request and runs the operation; throws ApiError for expected failures. */
  execute(request: ApiRequest, deps: ApiDependencies): Promise<ApiResult>;
}

/** The validated input an operation's `run` receives. */
export interface OperationInput<P extends z.ZodObject, Q extends z.ZodObject> {
  path: z.output<P>;
  query: z.output<Q>;
  accept: string | null;
}

/** An operation as written: typed parameters and a `run` over them. */
export interface OperationSpec<
  P extends z.ZodObject,
  Q extends z.ZodObject,
> extends ApiOperationDoc {
  pathParameters: P;
  queryParameters: Q;
  /** Checks that span parameters (e.g. from before to), over those that parsed. */
  crossCheck?: (query: Partial<z.output<Q>>) => { parameter: string; message: string }[];
  run(input: OperationInput<P, Q>, deps: ApiDependencies): Promise<ApiResult>;
}

/** Makes an operation from its spec: parameters are validated, all at once, before `run`. */
export function defineOperation<P extends z.ZodObject, Q extends z.ZodObject>(
  spec: OperationSpec<P, Q>,
): ApiOperation {
  return {
    ...spec,
    execute: async (request, deps) => {
      const { path, query } = parseParameters(spec, request);
      return spec.run({ path, query, accept: request.accept }, deps);
    },
  };
}

/**
 * Runs an operation and always answers: an ApiError becomes its coded response; anything else
 * becomes a generic 500, and `onUnexpected` gets the cause to log.
 */
export async function respond(
  operation: ApiOperation,
  request: ApiRequest,
  deps: ApiDependencies,
  onUnexpected: (error: unknown) => void,
): Promise<ApiResult> {
  try {
    return await operation.execute(request, deps);
  } catch (error) {
    if (error instanceof ApiError) return errorResult(error);
    onUnexpected(error);
    return { status: 500, json: internalErrorBody() };
  }
}

/** The response of an expected failure. */
export function errorResult(error: ApiError): ApiResult {
  return { status: error.status, json: error.toBody() };
}
