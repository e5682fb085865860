import core_en from "./en.json";
import core_fr from "./fr.json";
import moments_en from "./moments.en.json";
import moments_fr from "./moments.fr.json";
import qr_en from "./qr.en.json";
import qr_fr from "./qr.fr.json";
import wallet_en from "./wallet.en.json";
import wallet_fr from "./wallet.fr.json";

type Tree = { [key: string]: string | Tree };

/**
 * Each feature keeps its strings in its own pair of files (`<feature>.<lang>.json`, top-level
 * keys of their own), so features grow without editing one shared file.
 */
export const bundles = {
  en: [core_en, moments_en, wallet_en, qr_en],
  fr: [core_fr, moments_fr, wallet_fr, qr_fr],
} as const satisfies Record<string, readonly Tree[]>;

/** One translation tree per language: the feature files merged over the core file. */
export function merged(lang: keyof typeof bundles): Tree {
  return Object.assign({}, ...bundles[lang]) as Tree;
}
