import { describe, expect, it } from "vitest";
import { linkify } from "./linkify.ts";

describe("linkify", () => {
  it("leaves text without links as one plain part", () => {
    expect(linkify("hello there 👋")).toEqual([{ type: "text", text: "hello there 👋" }]);
  });

  it("finds http and https links in the middle of a sentence", () => {
    expect(linkify("see https://agora.example/a?b=1#c now")).toEqual([
      { type: "text", text: "see " },
      { type: "link", text: "https://agora.example/a?b=1#c", href: "https://agora.example/a?b=1#c" },
      { type: "text", text: " now" },
    ]);
  });

  it("makes www. addresses https links", () => {
    expect(linkify("www.example.org")).toEqual([
      { type: "link", text: "www.example.org", href: "https://www.example.org" },
    ]);
  });

  it("leaves sentence punctuation out of the address", () => {
    const parts = linkify("Look: https://example.org/page. And (https://example.org/x)!");
    expect(parts.filter((p) => p.type === "link").map((p) => p.text)).toEqual([
      "https://example.org/page",
      "https://example.org/x",
    ]);
  });

  it("keeps a closing parenthesis that belongs to the address", () => {
    const [link] = linkify("https://en.wikipedia.org/wiki/Agora_(disambiguation)");
    expect(link).toMatchObject({ text: "https://en.wikipedia.org/wiki/Agora_(disambiguation)" });
  });

  it("never makes a link of other schemes or of markup", () => {
    expect(linkify("javascript:alert(1)")).toEqual([{ type: "text", text: "javascript:alert(1)" }]);
    const parts = linkify('<a href="https://evil.example">x</a>');
    expect(parts.filter((p) => p.type === "link").map((p) => p.href)).toEqual(["https://evil.example"]);
    expect(parts.map((p) => p.text).join("")).toBe('<a href="https://evil.example">x</a>');
  });

  it("keeps every character of the original text, emoji included", () => {
    const text = "🎉 https://a.example/😀 done";
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });
});
