import type { User } from "@agora/protocol/identity";
import type { Moment, MomentNotification } from "@agora/protocol/moments";
import { describe, expect, it } from "vitest";
import {
  type MomentPage,
  markReadFrom,
  type NotificationPage,
  type Pages,
  patchPages,
  prependMoment,
  prependNotification,
  withComment,
  withLike,
  withoutComment,
} from "./moments-cache.ts";
import { moveItem } from "./use-photo-uploads.ts";

const ana: User = { id: "u1", handle: "ana", displayName: "Ana", avatarUrl: null };
const ben: User = { id: "u2", handle: "ben", displayName: "Ben", avatarUrl: null };

function moment(id: string, over: Partial<Moment> = {}): Moment {
  return {
    id,
    author: ana,
    text: id,
    media: [],
    createdAt: "2026-11-25T10:00:00.000Z",
    likes: [],
    comments: [],
    likedByMe: false,
    visibility: null,
    ...over,
  };
}

const pages = (...lists: Moment[][]): Pages<MomentPage> => ({
  pages: lists.map((items, i) => ({ items, nextCursor: i < lists.length - 1 ? `c${i}` : null })),
  pageParams: lists.map((_, i) => (i === 0 ? undefined : `c${i - 1}`)),
});

describe("moments cache", () => {
  it("patches a moment on whichever page holds it, and leaves other pages as they were", () => {
    const data = pages([moment("a"), moment("b")], [moment("c")]);
    const next = patchPages(data, "c", (m) => withLike(m, ben, true));
    expect(next?.pages[1]?.items[0]?.likes).toEqual([ben]);
    expect(next?.pages[1]?.items[0]?.likedByMe).toBe(true);
    expect(next?.pages[0]).toBe(data.pages[0]);
  });

  it("takes a deleted moment out and returns the same object when nothing matches", () => {
    const data = pages([moment("a"), moment("b")]);
    expect(patchPages(data, "a", () => null)?.pages[0]?.items.map((m) => m.id)).toEqual(["b"]);
    expect(patchPages(data, "zzz", () => null)).toBe(data);
  });

  it("likes once, unlikes, and keeps comments unique", () => {
    const liked = withLike(withLike(moment("a"), ben, true), ben, true);
    expect(liked.likes).toEqual([ben]);
    expect(withLike(liked, ben, false).likes).toEqual([]);
    const comment = {
      id: "c1",
      author: ben,
      text: "nice",
      replyTo: null,
      createdAt: "2026-11-25T10:01:00.000Z",
    };
    const once = withComment(withComment(moment("a"), comment), comment);
    expect(once.comments).toHaveLength(1);
    expect(withoutComment(once, "c1").comments).toEqual([]);
  });

  it("puts a new moment on top once", () => {
    const data = pages([moment("a")]);
    const next = prependMoment(prependMoment(data, moment("new")), moment("new"));
    expect(next?.pages[0]?.items.map((m) => m.id)).toEqual(["new", "a"]);
  });

  it("puts a live notification on top of the list once", () => {
    const n: MomentNotification = {
      id: "n1",
      kind: "like",
      momentId: "a",
      actor: ben,
      comment: null,
      thumbUrl: null,
      momentText: "a",
      createdAt: "2026-11-25T10:02:00.000Z",
      read: false,
    };
    const data: Pages<NotificationPage> = {
      pages: [{ items: [], nextCursor: null, unread: 0 }],
      pageParams: [undefined],
    };
    const next = prependNotification(prependNotification(data, n), n);
    expect(next?.pages[0]?.items).toEqual([n]);
  });

  it("marks the given notification and older ones read, not newer ones", () => {
    const make = (id: string): MomentNotification => ({
      id,
      kind: "like",
      momentId: "a",
      actor: ben,
      comment: null,
      thumbUrl: null,
      momentText: null,
      createdAt: "2026-11-25T10:02:00.000Z",
      read: false,
    });
    const data: Pages<NotificationPage> = {
      pages: [
        { items: [make("n3"), make("n2")], nextCursor: "x", unread: 3 },
        { items: [make("n1")], nextCursor: null, unread: 3 },
      ],
      pageParams: [undefined, "x"],
    };
    const next = markReadFrom(data, "n2");
    expect(next?.pages.flatMap((p) => p.items.map((n) => [n.id, n.read]))).toEqual([
      ["n3", false],
      ["n2", true],
      ["n1", true],
    ]);
    expect(markReadFrom(data, "unknown")).toBe(data);
  });
});

describe("moveItem", () => {
  it("moves one photo and keeps the others in order", () => {
    expect(moveItem(["a", "b", "c", "d"], 3, 1)).toEqual(["a", "d", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });
});
