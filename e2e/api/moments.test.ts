import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BootedServer } from "./boot.ts";

const server = new BootedServer();
beforeAll(() => server.start());
afterAll(() => server.dispose());

/** A 2×2 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

interface Person {
  id: string;
  token: string;
}

async function register(name: string): Promise<Person> {
  const handle = `${name}_${Math.random().toString(36).slice(2, 8)}`;
  const res = await server.call("POST", "/auth/register", {
    body: { handle, displayName: name, password: "long enough" },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, token: res.body.token };
}

async function befriend(a: Person, b: Person) {
  const req = await server.call("POST", "/contacts/requests", { token: a.token, body: { userId: b.id } });
  expect(req.status).toBe(201);
  const acc = await server.call("POST", `/contacts/requests/${req.body.id}/accept`, { token: b.token });
  expect(acc.status).toBe(200);
}

async function upload(p: Person) {
  const form = new FormData();
  form.append("file", new Blob([PNG]), "photo.png");
  const res = await fetch(`${server.url}/api/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${p.token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; thumbUrl: string };
}

const fetchMedia = (url: string, p: Person) =>
  fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${p.token}` } });

describe("moments on a booted server", () => {
  it("posts to some contacts with a photo, serves the photo to them only, and keeps it all across kill -9", async () => {
    const [ann, ben, cat] = await Promise.all([register("ann"), register("ben"), register("cat")]);
    await befriend(ann, ben);
    await befriend(ann, cat);
    const photo = await upload(ann);
    const posted = await server.call("POST", "/moments", {
      token: ann.token,
      body: { text: "Only for Ben", mediaIds: [photo.id], visibility: { mode: "only", userIds: [ben.id] } },
    });
    expect(posted.status).toBe(201);
    const id = posted.body.id as string;

    const benFeed = await server.call("GET", "/moments/feed", { token: ben.token });
    expect(benFeed.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await server.call("GET", "/moments/feed", { token: cat.token })).body.items).toEqual([]);
    expect((await fetchMedia(photo.url, ben)).status).toBe(200);
    expect((await fetchMedia(photo.url, cat)).status).toBe(404);
    expect((await server.call("GET", `/moments/${id}`, { token: cat.token })).status).toBe(404);

    expect((await server.call("POST", `/moments/${id}/likes`, { token: ben.token })).status).toBe(204);
    const comment = await server.call("POST", `/moments/${id}/comments`, {
      token: ben.token,
      body: { text: "Thanks!" },
    });
    expect(comment.status).toBe(201);

    await server.stop("SIGKILL");
    await server.start();

    const again = await server.call("GET", `/moments/${id}`, { token: ann.token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      text: "Only for Ben",
      likes: [{ id: ben.id }],
      comments: [{ text: "Thanks!", author: { id: ben.id } }],
      visibility: { mode: "only", userIds: [ben.id] },
    });
    const notes = await server.call("GET", "/moments/notifications", { token: ann.token });
    expect(notes.body.unread).toBe(2);
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toEqual(["comment", "like"]);
    expect((await fetchMedia(photo.url, cat)).status).toBe(404);
  });

  it("documents every Moments route in the OpenAPI document", async () => {
    const doc = (await server.call("GET", "/openapi.json")).body;
    for (const p of [
      "/api/v1/moments",
      "/api/v1/moments/feed",
      "/api/v1/moments/{id}",
      "/api/v1/moments/{id}/likes",
      "/api/v1/moments/{id}/comments",
      "/api/v1/moments/{id}/comments/{commentId}",
      "/api/v1/users/{id}/moments",
      "/api/v1/moments/notifications",
      "/api/v1/moments/settings",
      "/api/v1/users/{id}/moments-permissions",
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
