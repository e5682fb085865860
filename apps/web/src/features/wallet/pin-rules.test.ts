import { describe, expect, it } from "vitest";
import { isWeakPin } from "./pin-rules.ts";

describe("isWeakPin", () => {
  it("refuses six of a digit and straight runs either way", () => {
    for (const pin of ["000000", "777777", "123456", "234567", "987654", "654321"]) {
      expect(isWeakPin(pin), pin).toBe(true);
    }
  });

  it("accepts the rest", () => {
    for (const pin of ["274851", "123457", "112233", "909090", "135790"]) {
      expect(isWeakPin(pin), pin).toBe(false);
    }
  });
});
