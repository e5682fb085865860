import { type Browser, type BrowserContextOptions, test as base, expect, type Page } from "@playwright/test";

/**
 * Pages that record what the browser refused or failed: a CSP violation or an uncaught error
 * fails the test that caused it, even when the screen looked right.
 */
function watch(page: Page, problems: string[]): Page {
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return page;
}

interface Fixtures {
  /** Another person on another device: a fresh context with the project's options. */
  openPhone: (options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<Fixtures & { problems: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  problems: async ({}, use) => {
    const problems: string[] = [];
    await use(problems);
    expect(problems, "the browser reported CSP violations or uncaught errors").toEqual([]);
  },
  page: async ({ page, problems }, use) => {
    await use(watch(page, problems));
  },
  openPhone: async ({ browser, problems, contextOptions }, use) => {
    const opened: Awaited<ReturnType<Browser["newContext"]>>[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ ...contextOptions, ...options });
      opened.push(context);
      return watch(await context.newPage(), problems);
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect };
