import { describe, expect, it } from "vitest";
import { dayKind, formatDuration, formatSize, listDate, longDate, sameDay } from "./format-time.ts";

const now = new Date(2026, 10, 25, 15, 30); // Wednesday 25 November 2026, local time

describe("dayKind", () => {
  it("counts calendar days, not 24-hour spans", () => {
    expect(dayKind(new Date(2026, 10, 25, 0, 5), now)).toBe("today");
    expect(dayKind(new Date(2026, 10, 24, 23, 59), now)).toBe("yesterday");
    expect(dayKind(new Date(2026, 10, 20, 12, 0), now)).toBe("thisWeek");
    expect(dayKind(new Date(2026, 10, 18, 12, 0), now)).toBe("older");
  });

  it("knows when two messages fall on the same day", () => {
    expect(sameDay(new Date(2026, 10, 25, 0, 1), new Date(2026, 10, 25, 23, 59))).toBe(true);
    expect(sameDay(new Date(2026, 10, 24, 23, 59), new Date(2026, 10, 25, 0, 0))).toBe(false);
  });
});

describe("dates in the reader's language", () => {
  it("writes a separator's date in English and French", () => {
    expect(longDate(new Date(2026, 10, 16), now, "en")).toBe("Monday, November 16");
    expect(longDate(new Date(2026, 10, 16), now, "fr")).toBe("lundi 16 novembre");
    expect(longDate(new Date(2025, 10, 16), now, "en")).toContain("2025");
  });

  it("shows the clock for today and the weekday this week in the list", () => {
    expect(listDate(new Date(2026, 10, 25, 9, 5), now, "fr")).toBe("09:05");
    expect(listDate(new Date(2026, 10, 23, 9, 5), now, "en")).toBe("Mon");
  });
});

describe("formatDuration", () => {
  it("writes minutes and two-digit seconds", () => {
    expect(formatDuration(7_000)).toBe("0:07");
    expect(formatDuration(65_400)).toBe("1:05");
    expect(formatDuration(-5)).toBe("0:00");
  });
});

describe("formatSize", () => {
  it("picks a readable unit", () => {
    expect(formatSize(812, "en")).toBe("812 byte");
    expect(formatSize(2_400_000, "en")).toBe("2.4 MB");
    expect(formatSize(14_200, "en")).toBe("14 kB");
  });
});
