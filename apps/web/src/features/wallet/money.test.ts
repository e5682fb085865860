import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, parseAmount, toDecimalString, toInputString } from "./money.ts";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats minor units in each language, exactly", () => {
    expect(formatMoney({ amount: 1250, currency: "EUR" }, "en")).toBe("€12.50");
    expect(nbsp(formatMoney({ amount: 1250, currency: "EUR" }, "fr"))).toBe("12,50 €");
    expect(nbsp(formatMoney({ amount: 123456789, currency: "EUR" }, "fr"))).toBe("1 234 567,89 €");
    expect(formatMoney({ amount: 5, currency: "EUR" }, "en")).toBe("€0.05");
    expect(formatMoney({ amount: 1_000_000_000_000, currency: "EUR" }, "en")).toBe("€10,000,000,000.00");
    expect(formatMoney({ amount: 1500, currency: "JPY" }, "en")).toBe("¥1,500");
  });

  it("signs movements, never zero", () => {
    expect(formatMoney({ amount: -1250, currency: "EUR" }, "en", { signed: true })).toBe("-€12.50");
    expect(formatMoney({ amount: 1250, currency: "EUR" }, "en", { signed: true })).toBe("+€12.50");
    expect(formatMoney({ amount: 0, currency: "EUR" }, "en", { signed: true })).toBe("€0.00");
  });
});

describe("parseAmount", () => {
  const ok = (amount: number) => ({ ok: true, amount });
  const no = (reason: string) => ({ ok: false, reason });

  it("reads decimals typed with a point or a comma, in both languages", () => {
    for (const lng of ["en", "fr"]) {
      expect(parseAmount("12", "EUR", lng)).toEqual(ok(1200));
      expect(parseAmount("12.5", "EUR", lng)).toEqual(ok(1250));
      expect(parseAmount("12,50", "EUR", lng)).toEqual(ok(1250));
      expect(parseAmount(" 0.01 ", "EUR", lng)).toEqual(ok(1));
      expect(parseAmount(".5", "EUR", lng)).toEqual(ok(50));
      expect(parseAmount("12.", "EUR", lng)).toEqual(ok(1200));
      expect(parseAmount("0.1", "EUR", lng)).toEqual(ok(10));
      expect(parseAmount("19.99", "EUR", lng)).toEqual(ok(1999)); // 19.99 * 100 is 1998.9999… in floats
    }
  });

  it("reads the language's own grouping, and refuses what is ambiguous", () => {
    expect(parseAmount("1,000", "EUR", "en")).toEqual(ok(100000));
    expect(parseAmount("1,234.56", "EUR", "en")).toEqual(ok(123456));
    expect(parseAmount("1 234,56", "EUR", "fr")).toEqual(ok(123456));
    expect(parseAmount("1\u202f234,56", "EUR", "fr")).toEqual(ok(123456));
    expect(parseAmount("1,000", "EUR", "fr")).toEqual(no("tooManyDecimals"));
    expect(parseAmount("1.000", "EUR", "fr")).toEqual(no("tooManyDecimals"));
    expect(parseAmount("1.234,56", "EUR", "en")).toEqual(no("invalid"));
  });

  it("refuses what is not an amount, and amounts out of range", () => {
    expect(parseAmount("", "EUR", "en")).toEqual(no("empty"));
    expect(parseAmount("   ", "EUR", "en")).toEqual(no("empty"));
    expect(parseAmount("abc", "EUR", "en")).toEqual(no("invalid"));
    expect(parseAmount("-5", "EUR", "en")).toEqual(no("invalid"));
    expect(parseAmount("1e3", "EUR", "en")).toEqual(no("invalid"));
    expect(parseAmount(".", "EUR", "en")).toEqual(no("invalid"));
    expect(parseAmount("0", "EUR", "en")).toEqual(no("tooSmall"));
    expect(parseAmount("0.00", "EUR", "en")).toEqual(no("tooSmall"));
    expect(parseAmount("0.001", "EUR", "en")).toEqual(no("tooManyDecimals"));
    expect(parseAmount("10000000000", "EUR", "en")).toEqual(ok(1_000_000_000_000));
    expect(parseAmount("10000000000.01", "EUR", "en")).toEqual(no("tooLarge"));
    expect(parseAmount("99999999999999999999", "EUR", "en")).toEqual(no("tooLarge"));
    expect(parseAmount("12.5", "JPY", "en")).toEqual(no("tooManyDecimals"));
  });

  it("round-trips every amount through the text a person would type", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.constantFrom("en", "fr"),
        (minor, lng) => {
          expect(parseAmount(toInputString(minor, "EUR", lng), "EUR", lng)).toEqual(ok(minor));
        },
      ),
    );
  });
});

describe("toDecimalString", () => {
  it("places the point by the currency's digits", () => {
    expect(toDecimalString(1250, 2)).toBe("12.50");
    expect(toDecimalString(5, 2)).toBe("0.05");
    expect(toDecimalString(-5, 2)).toBe("-0.05");
    expect(toDecimalString(1500, 0)).toBe("1500");
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
  });
});
