import { z } from "zod";
import { Id, NoContent, page } from "./common.ts";
import { defineRoute } from "./routes.ts";

export const HANDLE_PATTERN = /^[a-z0-9_]{3,32}$/;

/** A person as others see them. */
export const User = z.object({
  id: Id,
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const Handle = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(HANDLE_PATTERN, "3 to 32 characters: a-z, 0-9 and _"));
export const DisplayName = z.string().trim().min(1).max(64);
export const Password = z.string().min(8, "at least 8 characters").max(256);

export const RegisterBody = z.object({ handle: Handle, displayName: DisplayName, password: Password });
export const LoginBody = z.object({
  handle: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const AuthResult = z.object({ user: User, token: z.string() });
export type AuthResult = z.infer<typeof AuthResult>;

export const PatchMeBody = z
  .object({ displayName: DisplayName.optional(), avatarMediaId: Id.nullable().optional() })
  .strict();

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(64),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const identityRoutes = {
  register: defineRoute({
    method: "POST",
    path: "/auth/register",
    summary: "Create an account and a session.",
    tags: ["identity"],
    auth: false,
    body: RegisterBody,
    response: { 201: AuthResult },
  }),
  login: defineRoute({
    method: "POST",
    path: "/auth/login",
    summary: "Open a session. The same 401 for an unknown handle and a wrong password.",
    tags: ["identity"],
    auth: false,
    body: LoginBody,
    response: { 200: AuthResult },
  }),
  logout: defineRoute({
    method: "POST",
    path: "/auth/logout",
    summary: "End this session; other sessions of the user go on.",
    tags: ["identity"],
    auth: true,
    response: { 204: NoContent },
  }),
  me: defineRoute({
    method: "GET",
    path: "/me",
    summary: "The signed-in user.",
    tags: ["identity"],
    auth: true,
    response: { 200: User },
  }),
  updateMe: defineRoute({
    method: "PATCH",
    path: "/me",
    summary: "Change my display name or avatar.",
    tags: ["identity"],
    auth: true,
    body: PatchMeBody,
    response: { 200: User },
  }),
  searchUsers: defineRoute({
    method: "GET",
    path: "/users/search",
    summary: "Find people by handle prefix or display name.",
    tags: ["identity"],
    auth: true,
    query: SearchQuery,
    response: { 200: page(User) },
  }),
  getUser: defineRoute({
    method: "GET",
    path: "/users/:id",
    summary: "One person.",
    tags: ["identity"],
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: User },
  }),
} as const;
