import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A photo as a phone takes it: EXIF with a camera, a GPS position, and a rotation. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "PhoneCo", Model: "Pocket 9" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "48/1 51/1 24/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "2/1 21/1 3/1",
      },
    })
    .toBuffer();
}

async function chatWithImage() {
  const a = await t.client.user("pa");
  const b = await t.client.user("pb");
  await t.client.befriend(a, b);
  const conv = (await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token)).body;
  const up = await t.client.upload(a.token, await phonePhoto(), "IMG_0001.jpg");
  expect(up.status).toBe(201);
  return { a, b, conv, media: up.body };
}

describe("uploads", () => {
  it("stores an image without its metadata, upright, with a thumbnail", async () => {
    const a = await t.client.user("up");
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(original.includes(Buffer.from("PhoneCo"))).toBe(true);
    const res = await t.client.upload(a.token, original, "IMG_0001.jpg");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "image",
      mime: "image/jpeg",
      width: 600,
      height: 800,
      name: null,
    });
    expect(res.body.url).toBe(`/api/v1/media/${res.body.id}`);
    expect(res.body.thumbUrl).toBe(`/api/v1/media/${res.body.id}/thumb`);

    const full = await t.client.fetchMedia(res.body.url, a.token);
    expect(full.status).toBe(200);
    expect(full.headers["content-type"]).toBe("image/jpeg");
    const meta = await sharp(full.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(full.bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect(res.body.size).toBe(full.bytes.length);

    const thumb = await t.client.fetchMedia(res.body.thumbUrl, a.token);
    expect(thumb.headers["content-type"]).toBe("image/webp");
    const tm = await sharp(thumb.bytes).metadata();
    expect(Math.max(tm.width ?? 0, tm.height ?? 0)).toBeLessThanOrEqual(360);
  });

  it("trusts the bytes, not the name: a renamed program is a file, not an image", async () => {
    const a = await t.client.user("exe");
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(500, 1)]);
    const res = await t.client.upload(a.token, exe, "cute-cat.jpg");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "file",
      mime: "application/octet-stream",
      thumbUrl: null,
      name: "cute-cat.jpg",
    });
    const got = await t.client.fetchMedia(res.body.url, a.token);
    expect(got.headers["content-type"]).toBe("application/octet-stream");
    expect(String(got.headers["content-disposition"])).toMatch(/^attachment;/);
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("recognizes a voice recording", async () => {
    const a = await t.client.user("voice");
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
      Buffer.from("\x42\x82\x84webm"),
      Buffer.alloc(64),
    ]);
    const res = await t.client.upload(a.token, webm, "voice.webm");
    expect(res.body).toMatchObject({ kind: "voice", mime: "audio/webm" });
    const b = await t.client.user("listener");
    await t.client.befriend(a, b);
    const conv = (await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token)).body;
    const sent = await t.client.post(
      `/conversations/${conv.id}/messages`,
      {
        clientId: "v1",
        kind: "voice",
        mediaId: res.body.id,
        payload: { durationMs: 7300.4, evil: "<script>" },
      },
      a.token,
    );
    expect(sent.body.payload).toEqual({
      mime: "audio/webm",
      size: res.body.size,
      width: null,
      height: null,
      name: null,
      durationMs: 7300,
    });
  });

  it("refuses a broken image, an empty file, no file field, and no session", async () => {
    const a = await t.client.user("bad");
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]);
    expect((await t.client.upload(a.token, broken, "x.jpg")).body.code).toBe("invalid_image");
    expect((await t.client.upload(a.token, Buffer.alloc(0))).body.code).toBe("empty_file");
    expect((await t.client.upload(a.token, Buffer.from("x"), "x", "other")).status).toBe(400);
    expect((await t.client.upload(undefined, Buffer.from("x"))).status).toBe(401);
    const json = await t.client.post("/media", { file: "x" }, a.token);
    expect(json.status).toBe(400);
  });

  it("refuses images over 20 MB and files over 50 MB with 413", async () => {
    const a = await t.client.user("big");
    const bigImage = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(20 * 1024 * 1024 + 1),
    ]);
    const img = await t.client.upload(a.token, bigImage, "big.jpg");
    expect(img.status).toBe(413);
    expect(img.body.code).toBe("payload_too_large");
    const bigFile = Buffer.alloc(50 * 1024 * 1024 + 1, 1);
    expect((await t.client.upload(a.token, bigFile, "big.bin")).status).toBe(413);
  });
});

describe("who may see a media item", () => {
  it("serves it to the uploader and to members of a conversation that uses it, and 404 to others", async () => {
    const { a, b, conv, media } = await chatWithImage();
    const stranger = await t.client.user("stranger");
    expect((await t.client.fetchMedia(media.url, b.token)).status).toBe(404);
    const sent = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: "img-1", kind: "image", mediaId: media.id },
      a.token,
    );
    expect(sent.status).toBe(201);
    expect(sent.body.mediaId).toBe(media.id);
    // What a recipient needs to lay the photo out before it loads.
    expect(sent.body.payload).toMatchObject({
      mime: "image/jpeg",
      width: 600,
      height: 800,
      size: media.size,
    });
    expect((await t.client.fetchMedia(media.url, b.token)).status).toBe(200);
    expect((await t.client.fetchMedia(media.thumbUrl, b.token)).status).toBe(200);
    expect((await t.client.fetchMedia(media.url, stranger.token)).status).toBe(404);
    const anonymous = await t.client.fetchMedia(media.url);
    expect(anonymous.status).toBe(401);
    // Recalled: the picture is gone for the other member.
    await t.client.post(`/messages/${sent.body.id}/recall`, {}, a.token);
    expect((await t.client.fetchMedia(media.url, b.token)).status).toBe(404);
  });

  it("does not let someone attach a media item they can't see", async () => {
    const { b, conv, media } = await chatWithImage();
    const res = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: "steal", kind: "image", mediaId: media.id },
      b.token,
    );
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("media_not_found");
  });

  it("refuses a file as an image message", async () => {
    const a = await t.client.user("kind");
    const b = await t.client.user("kind");
    await t.client.befriend(a as TestUser, b);
    const conv = (await t.client.post("/conversations", { type: "direct", userId: b.id }, a.token)).body;
    const file = await t.client.upload(a.token, Buffer.from("%PDF-1.4 hello"), "doc.pdf");
    expect(file.body).toMatchObject({ kind: "file", mime: "application/pdf", name: "doc.pdf" });
    const res = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: "k1", kind: "image", mediaId: file.body.id },
      a.token,
    );
    expect(res.body.code).toBe("media_kind_mismatch");
    const asFile = await t.client.post(
      `/conversations/${conv.id}/messages`,
      { clientId: "k2", kind: "file", mediaId: file.body.id },
      a.token,
    );
    expect(asFile.status).toBe(201);
  });

  it("makes an avatar visible to everyone signed in", async () => {
    const a = await t.client.user("avatar");
    const other = await t.client.user("viewer");
    const up = await t.client.upload(a.token, await phonePhoto(), "me.jpg");
    const me = await t.client.patch("/me", { avatarMediaId: up.body.id }, a.token);
    expect(me.status).toBe(200);
    expect(me.body.avatarUrl).toBe(up.body.url);
    expect((await t.client.fetchMedia(up.body.url, other.token)).status).toBe(200);
    const notMine = await t.client.patch("/me", { avatarMediaId: up.body.id }, other.token);
    expect(notMine.status).toBe(200);
  });
});
