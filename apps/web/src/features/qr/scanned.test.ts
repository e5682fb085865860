import { describe, expect, it } from "vitest";
import { classifyScan, codeUrlFor } from "./scanned.ts";

describe("classifyScan", () => {
  it("recognises an Agora code on any host", () => {
    expect(classifyScan("https://agora.example/q/abc_DEF-123")).toEqual({
      kind: "agora",
      url: "https://agora.example/q/abc_DEF-123",
    });
    expect(classifyScan(" http://127.0.0.1:3240/q/tok \n")).toEqual({
      kind: "agora",
      url: "http://127.0.0.1:3240/q/tok",
    });
  });

  it("keeps other web addresses as links and everything else as text", () => {
    expect(classifyScan("https://example.org/menu?x=1")).toEqual({
      kind: "link",
      url: "https://example.org/menu?x=1",
    });
    expect(classifyScan("https://example.org/q/")).toEqual({ kind: "link", url: "https://example.org/q/" });
    expect(classifyScan("WIFI:S:home;T:WPA;P:secret;;")).toEqual({
      kind: "text",
      text: "WIFI:S:home;T:WPA;P:secret;;",
    });
    expect(classifyScan("javascript:alert(1)")).toEqual({ kind: "text", text: "javascript:alert(1)" });
    expect(classifyScan("hello world")).toEqual({ kind: "text", text: "hello world" });
  });
});

describe("codeUrlFor", () => {
  it("rebuilds the code's URL on this origin", () => {
    expect(codeUrlFor("a-b_c", "https://agora.example")).toBe("https://agora.example/q/a-b_c");
  });
});
