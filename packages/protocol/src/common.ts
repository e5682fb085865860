import { z } from "zod";

/** Opaque identifier. Clients must not parse it. */
export const Id = z.string().min(1).max(64);

/** RFC 9457 problem details, with Agora's stable machine `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** `?limit=&cursor=` as every list accepts them. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const IdParams = z.object({ id: Id });

/** An empty success body (204). */
export const NoContent = z.null();
