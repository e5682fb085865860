import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "screenshots");

/** Saves e2e/screenshots/<name>.png (git-ignored) for reviewing the design. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(DIR, `${name}.png`), animations: "disabled" });
}
