import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { merged } from "./locales/index.ts";

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where a language picked in Me → Language is kept; the browser's language applies until then. */
const STORAGE_KEY = "agora.language";

export const resources = { en: { translation: merged("en") }, fr: { translation: merged("fr") } } as const;

i18n.on("languageChanged", () => {
  if (typeof document !== "undefined") document.documentElement.lang = currentLanguage();
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    load: "languageOnly",
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false },
    detection: { order: ["localStorage", "navigator"], lookupLocalStorage: STORAGE_KEY, caches: [] },
  });

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === "fr" ? "fr" : "en";
}

/** Switches the UI language and remembers the choice on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode may refuse storage: the switch still applies to this visit.
  }
  await i18n.changeLanguage(lng);
}

export { i18n };
