import type { Problem } from "@agora/protocol/common";
import {
  API_PREFIX,
  type BodyInput,
  fillPath,
  type ParamsOf,
  type QueryInput,
  type ResultOf,
  type RouteDef,
} from "@agora/protocol/routes";

/** A refused or failed API call, carrying the server's stable problem `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: Problem["errors"];
  /** The whole problem body, for a route's extra fields (a wrong PIN's `triesLeft`, a lock's `lockedUntil`). */
  readonly problem: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    detail: string,
    fieldErrors?: Problem["errors"],
    problem: Record<string, unknown> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.problem = problem;
  }
}

/** The code of an `ApiError` made when the server could not be reached at all. */
export const NETWORK_ERROR = "network_error";

type HasKey<D, K extends string> = D extends Record<K, object> ? true : false;

/** Path parameters and body are required when the route declares them; the query never is. */
export type CallOptions<D extends RouteDef> = (HasKey<D, "params"> extends true
  ? { params: ParamsOf<D> }
  : { params?: never }) &
  (HasKey<D, "body"> extends true ? { body: BodyInput<D> } : { body?: never }) &
  (HasKey<D, "query"> extends true ? { query?: Partial<QueryInput<D>> } : { query?: never }) & {
    signal?: AbortSignal;
    /** Extra request headers (a money call's `Idempotency-Key`). */
    headers?: Record<string, string>;
  };

type CallArgs<D extends RouteDef> =
  HasKey<D, "params"> extends true
    ? [options: CallOptions<D>]
    : HasKey<D, "body"> extends true
      ? [options: CallOptions<D>]
      : [options?: CallOptions<D>];

/** Builds `/api/v1/…?…` for a route; exported for tests. */
export function urlFor(route: RouteDef, params?: object, query?: object): string {
  const path = API_PREFIX + fillPath(route.path, (params ?? {}) as Record<string, string>);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls one API route by its declaration. The session rides in the HttpOnly cookie, so the
 * app never sees a token. Resolves with the success body (`null` for 204), rejects with ApiError.
 */
export async function call<D extends RouteDef>(route: D, ...args: CallArgs<D>): Promise<ResultOf<D>> {
  const options: {
    params?: unknown;
    body?: unknown;
    query?: unknown;
    signal?: AbortSignal | undefined;
    headers?: Record<string, string> | undefined;
  } = args[0] ?? {};
  const headers: Record<string, string> = { ...options.headers, accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(urlFor(route, options.params as object, options.query as object), {
      method: route.method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, NETWORK_ERROR, "The server could not be reached.");
  }

  if (response.ok) {
    if (response.status === 204) return null as unknown as ResultOf<D>;
    return (await response.json()) as ResultOf<D>;
  }
  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError(
      response.status,
      problem.code ?? "unknown_error",
      problem.detail ?? response.statusText,
      problem.errors,
      problem,
    );
  } catch {
    return new ApiError(response.status, "unknown_error", response.statusText);
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}
