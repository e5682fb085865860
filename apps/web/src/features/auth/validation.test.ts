import { describe, expect, it } from "vitest";
import { validateSignUp } from "./validation.ts";

describe("validateSignUp", () => {
  it("accepts what the server accepts, after trimming and lowercasing the handle", () => {
    expect(validateSignUp({ handle: "  Alice_99 ", displayName: " Alice ", password: "12345678" })).toEqual(
      {},
    );
  });

  it("mirrors the server's handle, name and password rules", () => {
    expect(validateSignUp({ handle: "", displayName: "", password: "" })).toEqual({
      handle: "handleRequired",
      displayName: "displayNameRequired",
      password: "passwordRequired",
    });
    expect(validateSignUp({ handle: "ab", displayName: "x".repeat(65), password: "1234567" })).toEqual({
      handle: "handleInvalid",
      displayName: "displayNameTooLong",
      password: "passwordTooShort",
    });
    expect(validateSignUp({ handle: "no-dash", displayName: "ok", password: "x".repeat(257) })).toEqual({
      handle: "handleInvalid",
      password: "passwordTooLong",
    });
    expect(validateSignUp({ handle: "a".repeat(33), displayName: "ok", password: "longenough" }).handle).toBe(
      "handleInvalid",
    );
  });
});
