import { z } from "zod";
import { Id, NoContent, PageQuery, page } from "./common.ts";
import { User } from "./identity.ts";
import { defineRoute } from "./routes.ts";

export const ContactRequestStatus = z.enum(["pending", "accepted", "declined"]);

export const ContactRequest = z.object({
  id: Id,
  /** Id of the user who asked. */
  from: Id,
  /** Id of the user who was asked. */
  to: Id,
  status: ContactRequestStatus,
  message: z.string().nullable(),
  /** From the point of view of the caller. */
  direction: z.enum(["incoming", "outgoing"]),
  fromUser: User,
  toUser: User,
  createdAt: z.string(),
});
export type ContactRequest = z.infer<typeof ContactRequest>;

export const SendRequestBody = z.object({ userId: Id, message: z.string().trim().max(200).optional() });
export const UserIdBody = z.object({ userId: Id });

export const contactsRoutes = {
  sendRequest: defineRoute({
    method: "POST",
    path: "/contacts/requests",
    summary: "Ask someone to become a contact.",
    tags: ["contacts"],
    auth: true,
    body: SendRequestBody,
    response: { 201: ContactRequest, 200: ContactRequest },
  }),
  listRequests: defineRoute({
    method: "GET",
    path: "/contacts/requests",
    summary: "Pending requests, incoming and outgoing.",
    tags: ["contacts"],
    auth: true,
    response: { 200: page(ContactRequest) },
  }),
  acceptRequest: defineRoute({
    method: "POST",
    path: "/contacts/requests/:id/accept",
    summary: "Accept an incoming request: both become contacts.",
    tags: ["contacts"],
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: ContactRequest },
  }),
  declineRequest: defineRoute({
    method: "POST",
    path: "/contacts/requests/:id/decline",
    summary: "Decline an incoming request.",
    tags: ["contacts"],
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: ContactRequest },
  }),
  listContacts: defineRoute({
    method: "GET",
    path: "/contacts",
    summary: "My contacts, by display name.",
    tags: ["contacts"],
    auth: true,
    query: PageQuery,
    response: { 200: page(User) },
  }),
  removeContact: defineRoute({
    method: "DELETE",
    path: "/contacts/:userId",
    summary: "Remove a contact (both ways).",
    tags: ["contacts"],
    auth: true,
    params: z.object({ userId: Id }),
    response: { 204: NoContent },
  }),
  block: defineRoute({
    method: "POST",
    path: "/blocks",
    summary: "Block someone: they can't message or request me or see my moments.",
    tags: ["contacts"],
    auth: true,
    body: UserIdBody,
    response: { 204: NoContent },
  }),
  listBlocks: defineRoute({
    method: "GET",
    path: "/blocks",
    summary: "People I blocked.",
    tags: ["contacts"],
    auth: true,
    response: { 200: page(User) },
  }),
  unblock: defineRoute({
    method: "DELETE",
    path: "/blocks/:userId",
    summary: "Unblock someone (they do not become a contact again).",
    tags: ["contacts"],
    auth: true,
    params: z.object({ userId: Id }),
    response: { 204: NoContent },
  }),
} as const;
