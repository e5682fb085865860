import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../i18n/locales/moments.en.json";
import fr from "../../i18n/locales/moments.fr.json";
import { momentTime } from "./relative-time.ts";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: "en",
    resources: { en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
  });
});

const now = new Date(2026, 10, 25, 15, 30);
const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m);

describe("momentTime", () => {
  it("says just now, minutes and hours today", () => {
    const t = i18n.getFixedT("en");
    expect(momentTime(new Date(now.getTime() - 20_000), now, t, "en")).toBe("Just now");
    expect(momentTime(at(25, 15, 25), now, t, "en")).toBe("5 min");
    expect(momentTime(at(25, 13, 10), now, t, "en")).toBe("2 h");
  });

  it("says yesterday for the previous calendar day, even less than 24 hours ago", () => {
    const t = i18n.getFixedT("en");
    expect(momentTime(at(24, 23, 50), now, t, "en")).toBe("Yesterday");
    expect(momentTime(at(24, 8), now, t, "en")).toBe("Yesterday");
  });

  it("gives the date before that, with the year only when it isn't this one", () => {
    const t = i18n.getFixedT("en");
    expect(momentTime(at(12, 9), now, t, "en")).toBe("Nov 12");
    expect(momentTime(new Date(2025, 0, 3), now, t, "en")).toBe("Jan 3, 2025");
  });

  it("speaks French", () => {
    const t = i18n.getFixedT("fr");
    expect(momentTime(new Date(now.getTime() - 5_000), now, t, "fr")).toBe("À l’instant");
    expect(momentTime(at(25, 13, 10), now, t, "fr")).toBe("2 h");
    expect(momentTime(at(24, 8), now, t, "fr")).toBe("Hier");
    expect(momentTime(at(12, 9), now, t, "fr")).toBe("12 nov.");
  });
});
