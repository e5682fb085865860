import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One HTTP procedure of the public API, declared once: the server registers it, validates and
 * serializes with its schemas and documents it in OpenAPI; the web app and the SDK call it by
 * this declaration, so no path is ever written twice as a string.
 */
export interface RouteDef {
  method: HttpMethod;
  /** Path below `/api/v1`, with `:param` placeholders. */
  path: string;
  summary: string;
  tags: readonly string[];
  /** Whether a session (bearer token or cookie) is required. */
  auth: boolean;
  params?: z.ZodType;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Schemas by status. The success status is 201, else 204, else 200. */
  response: Partial<Record<200 | 201 | 204, z.ZodType>>;
}

export function defineRoute<const D extends RouteDef>(def: D): D {
  return def;
}

export const API_PREFIX = "/api/v1";

/** Substitutes `:name` placeholders; values are URI-encoded. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function successStatus(def: RouteDef): 200 | 201 | 204 {
  if (def.response[201]) return 201;
  if (def.response[204]) return 204;
  return 200;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler receives, after validation. */
export type ParamsOf<D extends RouteDef> = Out<D["params"]>;
export type BodyOf<D extends RouteDef> = Out<D["body"]>;
export type QueryOf<D extends RouteDef> = Out<D["query"]>;
/** What a client sends. */
export type BodyInput<D extends RouteDef> = In<D["body"]>;
export type QueryInput<D extends RouteDef> = In<D["query"]>;
/** The success body. */
export type ResultOf<D extends RouteDef> = D["response"] extends { 201: infer S }
  ? Out<S>
  : D["response"] extends { 204: infer S }
    ? Out<S>
    : D["response"] extends { 200: infer S }
      ? Out<S>
      : never;
