import { AppShell } from "./pages/app-shell.ts";
import { ChatPages } from "./pages/chat-pages.ts";
import { befriendVia, conversationVia, registerVia, sendVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { gradientPng } from "./support/png.ts";
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

test("Chats on a wide window: the list stays on the left, the chat opens on the right, keys switch chats", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Desk");
  const ben = newPerson("Ben Okoro");
  const cleo = newPerson("Cléo Martin");
  const benPhone = await openPhone();
  const cleoPhone = await openPhone();
  const anaUser = await registerVia(page.request, ana);
  const benUser = await registerVia(benPhone.request, ben);
  const cleoUser = await registerVia(cleoPhone.request, cleo);
  await befriendVia(page.request, benPhone.request, benUser);
  await befriendVia(page.request, cleoPhone.request, cleoUser);
  const withBen = await conversationVia(benPhone.request, { type: "direct", userId: anaUser.id });
  await sendVia(benPhone.request, withBen.id, { kind: "text", text: "Did you get the tickets?" });
  const withCleo = await conversationVia(cleoPhone.request, { type: "direct", userId: anaUser.id });
  await sendVia(cleoPhone.request, withCleo.id, { kind: "text", text: "Call me when you land" });

  const chats = new ChatPages(page);
  await chats.openList();
  const list = page.getByRole("list", { name: "Chats" });
  await expect(page.getByRole("heading", { name: "Select a chat" })).toBeVisible();
  await expect(chats.row(cleo.displayName)).toBeVisible();
  await chats.waitUntilConnected();
  await snap(page, "en-desktop-chats-empty");

  // Open Ben's chat: the list is still there, beside it, with Ben's row marked as the open one.
  await chats.open(ben.displayName);
  await expect(page).toHaveURL(new RegExp(`/chats/${withBen.id}$`));
  await expect(list).toBeVisible();
  await expect(chats.message("Did you get the tickets?")).toBeVisible();
  const listBox = await list.boundingBox();
  const logBox = await chats.log().boundingBox();
  expect(listBox && logBox && listBox.x + listBox.width <= logBox.x).toBe(true);
  await expect(chats.row(ben.displayName)).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Back" })).toHaveCount(0);
  await chats.send("Yes, row 12 🎟️");
  await expect(chats.mark("Yes, row 12", "Sent")).toBeVisible();

  // A photo whose upload is held back by the network: switching chats doesn't stop it.
  let releaseUpload = () => {};
  const held = new Promise<void>((resolve) => {
    releaseUpload = resolve;
  });
  await page.route("**/api/v1/media", async (route) => {
    await held;
    await route.continue();
  });
  await chats.sendPhoto("gate.png", gradientPng(200, 120));
  await expect(chats.log().getByRole("progressbar")).toBeVisible();

  // Switch by clicking the other row.
  await chats.open(cleo.displayName);
  await expect(chats.message("Call me when you land")).toBeVisible();
  releaseUpload();
  await expect(chats.row(cleo.displayName)).toHaveAttribute("aria-current", "page");
  await expect(chats.row(ben.displayName)).not.toHaveAttribute("aria-current", "page");
  await expect(chats.row(ben.displayName)).toContainText("[Photo]");
  await snap(page, "en-desktop-chats");

  // The keyboard: ↑/↓ move along the rows (Ben's is on top now), Enter opens; Alt+↓ switches to the next chat.
  await chats.row(cleo.displayName).focus();
  await page.keyboard.press("ArrowUp");
  await expect(chats.row(ben.displayName)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: ben.displayName })).toBeVisible();
  await expect(chats.log().getByRole("img", { name: "Photo" })).toBeVisible();
  await expect(chats.log().getByRole("img", { name: "Sent" })).toHaveCount(2);
  await chats.composer().focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page.getByRole("heading", { level: 1, name: cleo.displayName })).toBeVisible();

  // A deep link opens both panes; narrowing the window to a phone leaves the chat alone on screen.
  await page.goto(`/chats/${withBen.id}`);
  await expect(chats.message("Did you get the tickets?")).toBeVisible();
  await expect(chats.row(ben.displayName)).toHaveAttribute("aria-current", "page");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(list).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Back" })).toBeVisible();
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
