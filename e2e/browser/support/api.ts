import { randomUUID } from "node:crypto";
import { contactsRoutes } from "@agora/protocol/contacts";
import { identityRoutes, type User } from "@agora/protocol/identity";
import { type Conversation, type Message, messagingRoutes } from "@agora/protocol/messaging";
import { API_PREFIX, fillPath, type RouteDef } from "@agora/protocol/routes";
import { type APIRequestContext, expect } from "@playwright/test";
import type { Person } from "./people.ts";

function url(route: RouteDef, params?: Record<string, string>): string {
  return API_PREFIX + fillPath(route.path, params);
}

/**
 * Arranges state through the API with a browser context's own request client, so the session
 * cookie lands in that context: the test then starts where the UI flow under test begins.
 */
export async function registerVia(request: APIRequestContext, person: Person): Promise<User> {
  const response = await request.post(url(identityRoutes.register), { data: person });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { user: User }).user;
}

export async function befriendVia(
  from: APIRequestContext,
  to: APIRequestContext,
  toUser: User,
): Promise<void> {
  const sent = await from.post(url(contactsRoutes.sendRequest), { data: { userId: toUser.id } });
  expect(sent.status()).toBe(201);
  const { id } = (await sent.json()) as { id: string };
  const accepted = await to.post(url(contactsRoutes.acceptRequest, { id }));
  expect(accepted.status()).toBe(200);
}

/** Opens a direct chat or creates a group as the person of this request client. */
export async function conversationVia(
  request: APIRequestContext,
  body: { type: "direct"; userId: string } | { type: "group"; title: string; memberIds: string[] },
): Promise<Conversation> {
  const response = await request.post(url(messagingRoutes.createConversation), { data: body });
  expect([200, 201]).toContain(response.status());
  return (await response.json()) as Conversation;
}

export async function sendVia(
  request: APIRequestContext,
  conversationId: string,
  body: { kind: "text"; text: string } | { kind: "sticker"; payload: { stickerId: string } },
): Promise<Message> {
  const response = await request.post(url(messagingRoutes.sendMessage, { id: conversationId }), {
    data: { clientId: randomUUID(), ...body },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Message;
}

export async function recallVia(request: APIRequestContext, messageId: string): Promise<void> {
  const response = await request.post(url(messagingRoutes.recallMessage, { id: messageId }));
  expect(response.status()).toBe(200);
}
