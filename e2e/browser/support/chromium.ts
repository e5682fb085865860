import { existsSync } from "node:fs";
import { test } from "@playwright/test";

/** Debian's Chromium: Playwright's own browser download can't work on these machines. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_PATH);

/** Call at the top of a spec file: outside CI a machine without Chromium skips, saying how to get it. */
export function skipWithoutChromium(): void {
  test.skip(
    !CHROMIUM_AVAILABLE,
    `no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\``,
  );
}
