import { AppShell } from "./pages/app-shell.ts";
import { registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: false });

test("on a wide window the tabs become a left rail and stay on sub-screens", async ({ page }) => {
  await registerVia(page.request, newPerson("Kai Desk"));
  await page.goto("/discover");
  const shell = new AppShell(page);
  const rail = await shell.nav().boundingBox();
  expect(rail).not.toBeNull();
  expect(rail?.x).toBe(0);
  expect(rail?.width).toBeLessThan(120);
  expect(rail?.height).toBeGreaterThan(700);
  await snap(page, "en-desktop-discover");

  await shell.open("Contacts");
  await page.getByRole("link", { name: "Add contact" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Add contact" })).toBeVisible();
  await expect(shell.nav()).toBeVisible();
  await shell.open("Me");
});

test("the shell is installable: manifest, icons and a service worker that leaves the API alone", async ({
  openPhone,
}) => {
  const page = await openPhone({ serviceWorkers: "allow" });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await page.request.get(manifestHref ?? "")).json();
  expect(manifest).toMatchObject({ name: "Agora", display: "standalone", start_url: "/" });
  for (const icon of manifest.icons as { src: string }[]) {
    expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);
  }
  const active = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? null;
  });
  expect(active).toMatch(/\/sw\.js$/);
});
