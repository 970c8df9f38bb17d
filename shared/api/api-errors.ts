/**
 * The API's coded errors, each with its HTTP status: the one registry handlers, the local host
 * and the OpenAPI document read. Bodies are `{ code, message }` (plus `details` for invalid
 * parameters) and never carry a stack trace.
 */

/** Every error code the API answers with, and its HTTP status. */
export const API_ERRORS = {
  /** One or more parameters are missing, malformed or out of range; `details` lists each. */
  invalid_parameters: { status: 400, summary: 'One or more parameters are not valid.' },
  /** No events were ever stored for the cluster in the path. */
  cluster_not_found: { status: 404, summary: 'The cluster is not known.' },
  /** The cluster has no event with the id in the path. */
  event_not_found: { status: 404, summary: 'The event is not known.' },
  /** No route matches the path (local host only; Azure answers this itself). */
  route_not_found: { status: 404, summary: 'No route matches the path.' },
  /** The route exists but not for this method (local host only). */
  method_not_allowed: { status: 405, summary: 'The route does not accept this method.' },
  /** Something failed on the server's side; the cause is logged, never returned. */
  internal_error: { status: 500, summary: 'The server failed to answer.' },
} as const satisfies Record<string, { status: number; summary: string }>;

/** A stable error code of the API. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** One invalid parameter, as listed in a 400 body. */
export interface ParameterProblem {
  parameter: string;
  in: 'path' | 'query';
  message: string;
}

/** The JSON body of every error response. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  details?: ParameterProblem[];
}

/** An expected failure, thrown by query modules and answered with its code's status. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ParameterProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return API_ERRORS[this.code].status;
  }

  /** The response body: code, message and, for invalid parameters, every problem. */
  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The body of a 500: the same generic words whatever went wrong. */
export function internalErrorBody(): ApiErrorBody {
  return {
    code: 'internal_error',
    message: 'The server failed to answer; the error was logged. Try again later.',
  };
}
