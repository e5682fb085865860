import { contactsRoutes } from "@agora/protocol/contacts";
import { identityRoutes } from "@agora/protocol/identity";
import { describe, expect, it } from "vitest";
import { urlFor } from "./client.ts";

describe("urlFor", () => {
  it("prefixes the API base and fills encoded path parameters", () => {
    expect(urlFor(contactsRoutes.acceptRequest, { id: "a/b c" })).toBe(
      "/api/v1/contacts/requests/a%2Fb%20c/accept",
    );
  });

  it("adds the query, leaving out absent values", () => {
    expect(urlFor(identityRoutes.searchUsers, undefined, { q: "é d", limit: undefined })).toBe(
      "/api/v1/users/search?q=%C3%A9+d",
    );
    expect(urlFor(contactsRoutes.listContacts)).toBe("/api/v1/contacts");
  });
});
