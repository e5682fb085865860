import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_AVAILABLE, CHROMIUM_PATH } from "./browser/support/chromium.ts";

if (!CHROMIUM_AVAILABLE && process.env.CI === "true") {
  throw new Error(`Browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`);
}

const port = Number(process.env.E2E_PORT ?? 3210);
// Workers load this file again: they inherit the first run's directory through the environment.
process.env.AGORA_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "agora-e2e-"));

export default defineConfig({
  testDir: "./browser",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: false,
    hasTouch: true,
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme: "light",
    serviceWorkers: "block",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Voice notes: a fake microphone (a beep), without a permission prompt.
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
      ],
    },
  },
  webServer: CHROMIUM_AVAILABLE
    ? {
        command: "node --import tsx ../apps/server/src/main.ts",
        url: `http://127.0.0.1:${port}/api/v1/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          PORT: String(port),
          HOST: "127.0.0.1",
          DATA_DIR: process.env.AGORA_E2E_DATA_DIR,
          RATE_LIMIT: "off",
          DEMO_DATA: "off",
          LOG_LEVEL: "warn",
          ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
        },
      }
    : undefined,
});
