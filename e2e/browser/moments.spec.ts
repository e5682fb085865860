import type { Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell.ts";
import { ContactsPages } from "./pages/contacts-pages.ts";
import { MomentsPages, postMomentVia } from "./pages/moments-pages.ts";
import { befriendVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson, type Person } from "./support/people.ts";
import { gradientPng } from "./support/png.ts";

skipWithoutChromium();

async function signedIn(page: Page, person: Person) {
  const user = await registerVia(page.request, person);
  return { user, moments: new MomentsPages(page) };
}

test("a moment with two photos: a contact sees it, likes and comments; the author is told live", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const pageB = await openPhone();
  const a = await signedIn(page, ana);
  const b = await signedIn(pageB, ben);
  await befriendVia(page.request, pageB.request, b.user);

  // Ana posts from Discover → Moments → camera.
  await a.moments.openFromDiscover();
  await expect(page.getByRole("heading", { name: "No moments yet" })).toBeVisible();
  await a.moments.openCompose();
  await expect(a.moments.postButton()).toBeDisabled();
  await a.moments.textField().fill("Sunrise over the ridge 🌄 https://example.org/trail");
  await a.moments.addPhotos([
    { name: "ridge.png", buffer: gradientPng(320, 200) },
    { name: "summit.png", buffer: gradientPng(200, 320) },
  ]);
  await expect(a.moments.photo(2, 2)).toBeVisible();
  await expect(a.moments.postButton()).toBeEnabled();

  // Reorder: the second photo moves first.
  const second = await a.moments.photo(2, 2).getAttribute("src");
  await page.getByRole("button", { name: "Move photo 2 of 2 earlier" }).click();
  await expect(a.moments.photo(1, 2)).toHaveAttribute("src", second ?? "");
  await a.moments.snap("en-compose");
  await a.moments.post();

  const mine = a.moments.card("Sunrise over the ridge");
  await expect(mine.getByRole("button", { name: /^Open photo \d of 2$/ })).toHaveCount(2);
  await expect(mine.getByRole("link", { name: "https://example.org/trail" })).toHaveAttribute(
    "rel",
    "noopener noreferrer",
  );

  // Ben sees it in his feed, opens the photos and swipes with the arrow key.
  await b.moments.openFromDiscover();
  const card = b.moments.card("Sunrise over the ridge");
  await expect(card.getByRole("link", { name: ana.displayName })).toBeVisible();
  const firstPhoto = card.getByRole("button", { name: "Open photo 1 of 2" }).locator("img");
  await expect(firstPhoto).toHaveJSProperty("complete", true);
  expect(await firstPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await card.getByRole("button", { name: "Open photo 1 of 2" }).click();
  const viewer = pageB.getByRole("dialog", { name: "Photos" });
  await expect(viewer.getByText("1 / 2")).toBeVisible();
  await pageB.keyboard.press("ArrowRight");
  await expect(viewer.getByText("2 / 2")).toBeVisible();
  // The strip has glided to the second photo: it sits in the middle of the screen.
  const shown = viewer.getByRole("img", { name: "Photo 2 of 2" });
  await expect
    .poll(async () => {
      const box = await shown.boundingBox();
      return box ? Math.round(box.x + box.width / 2) : -1;
    })
    .toBe(195);
  await b.moments.snap("en-viewer");
  await pageB.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  // He likes and comments.
  await b.moments.like(card);
  await expect(card.getByText(ben.displayName, { exact: true })).toBeVisible();
  await b.moments.comment(card, "Gorgeous light!");
  await expect(card.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` })).toBeVisible();

  // Ana, without a reload: the badge, the "new messages" row, and the like and comment on her card.
  await expect(a.moments.notificationsLink()).toHaveAccessibleName("Notifications, 2 new messages");
  await expect(page.getByRole("link", { name: "2 new messages", exact: true })).toBeVisible();
  await expect(mine.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` })).toBeVisible();
  await expect(mine.getByRole("link", { name: ben.displayName })).toBeVisible();

  // She replies to his comment by tapping it.
  await mine.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` }).click();
  await a.moments.commentField(`Reply to ${ben.displayName}`).fill("Thanks! 5am start 😅");
  await a.moments.commentField(`Reply to ${ben.displayName}`).press("Enter");
  await expect(
    mine.getByRole("button", {
      name: `${ana.displayName} replied to ${ben.displayName}: Thanks! 5am start 😅`,
    }),
  ).toBeVisible();
  await a.moments.snap("en-feed");

  // Discover's tab and its Moments entry carry the count too.
  await page.getByRole("link", { name: "Back" }).click();
  await expect(new AppShell(page).tab("Discover")).toHaveAccessibleName("Discover, 2 new messages");
  await expect(page.getByRole("main").getByRole("link", { name: "Moments, 2 new messages" })).toBeVisible();
  await a.moments.snap("en-discover");
  await page.getByRole("main").getByRole("link", { name: "Moments, 2 new messages" }).click();

  // The list: who liked, who commented; opening it reads them.
  await page.getByRole("link", { name: "2 new messages", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("link")).toHaveCount(2);
  await expect(list.getByRole("link").filter({ hasText: "liked your moment" })).toContainText(
    ben.displayName,
  );
  await expect(list.getByRole("link").filter({ hasText: "Gorgeous light!" })).toContainText(ben.displayName);
  await a.moments.snap("en-notifications");
  await page.getByRole("link", { name: "Back" }).click();
  await expect(a.moments.notificationsLink()).toHaveAccessibleName("Notifications");
  await expect(page.getByRole("link", { name: /new messages?$/ })).toHaveCount(0);

  // Ben was told about the reply, live.
  await expect(b.moments.notificationsLink()).toHaveAccessibleName("Notifications, 1 new message");
  await expect(
    card.getByRole("button", {
      name: `${ana.displayName} replied to ${ben.displayName}: Thanks! 5am start 😅`,
    }),
  ).toBeVisible();
  await b.moments.snap("en-feed-contact");

  await pageB.setViewportSize({ width: 1280, height: 860 });
  await b.moments.snap("en-feed-desktop");
  await pageB.setViewportSize({ width: 390, height: 844 });

  // Ana, the moment's author, may take any comment off it: a long press (or right click) offers it.
  await mine.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` }).click({ button: "right" });
  const menu = page.getByRole("dialog", { name: `${ben.displayName}’s comment` });
  await expect(menu.getByRole("button", { name: "Reply" })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Delete comment" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  // Ben takes his comment back: tap it, Delete.
  await card.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` }).click();
  await pageB
    .getByRole("dialog", { name: "Your comment" })
    .getByRole("button", { name: "Delete comment" })
    .click();
  await expect(card.getByRole("button", { name: `${ben.displayName}: Gorgeous light!` })).toHaveCount(0);
});

test("a private moment stays with its author; a deleted one is gone; French reads naturally", async ({
  page,
  openPhone,
}) => {
  const cleo = newPerson("Cléo Martin");
  const dan = newPerson("Dan Wu");
  const pageD = await openPhone({ locale: "fr-FR" });
  const c = await signedIn(page, cleo);
  const d = await signedIn(pageD, dan);
  await befriendVia(page.request, pageD.request, d.user);

  await c.moments.openFromDiscover();
  // Cancelling with something written asks first.
  await c.moments.openCompose();
  await c.moments.textField().fill("Half a thought");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page
    .getByRole("dialog", { name: "Discard this moment?" })
    .getByRole("button", { name: "Discard" })
    .click();
  await expect(page.getByRole("heading", { name: "No moments yet" })).toBeVisible();

  await c.moments.openCompose();
  await c.moments.textField().fill("Note to self: book the train");
  await c.moments.chooseVisibility("Don’t share with…", [dan.displayName]);
  await expect(page.getByRole("button", { name: /^Who can see/ })).toContainText("Don’t share with… (1)");
  await c.moments.chooseVisibility("Private");
  await expect(page.getByRole("button", { name: /^Who can see/ })).toContainText("Private");
  await c.moments.post();
  await expect(c.moments.card("Note to self")).toBeVisible();

  await c.moments.openCompose();
  await c.moments.textField().fill("Picnic in the park this Sunday, who's in?");
  // On a slow uplink the photo shows its progress, and Post waits for it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 24 * 1024,
  });
  await c.moments.addPhotos([{ name: "park.png", buffer: gradientPng(600, 600) }]);
  await expect(page.getByRole("progressbar", { name: /^Uploading photo 1 of 1/ })).toBeVisible();
  await expect(c.moments.postButton()).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "Photos are uploading…" })).toBeVisible();
  await c.moments.snap("en-compose-uploading");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await c.moments.post();
  await expect(c.moments.card("Picnic in the park")).toBeVisible();

  // Dan (in French) sees the picnic, not the private note.
  await pageD.goto("/moments");
  const picnic = pageD.getByRole("article").filter({ hasText: "Picnic in the park" });
  await expect(picnic).toBeVisible();
  await expect(pageD.getByRole("article").filter({ hasText: "Note to self" })).toHaveCount(0);
  await picnic.getByRole("button", { name: "J’aime ou commenter" }).click();
  await picnic.getByRole("button", { name: "J’aime", exact: true }).click();
  await expect(picnic.getByRole("link", { name: dan.displayName })).toBeVisible();
  await new MomentsPages(pageD).snap("fr-feed");

  // Cléo deletes the private note, after confirming.
  const note = c.moments.card("Note to self");
  await note.getByRole("button", { name: "Delete" }).click();
  await page
    .getByRole("dialog", { name: "Delete this moment?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(note).toHaveCount(0);
  await expect(c.moments.card("Picnic in the park")).toBeVisible();
});

test("a contact's profile leads to their moments; hiding them empties my feed; my visible range is kept", async ({
  page,
  openPhone,
}) => {
  const eva = newPerson("Eva Stone");
  const finn = newPerson("Finn Berg");
  const pageF = await openPhone();
  await signedIn(page, eva);
  const f = await signedIn(pageF, finn);
  await befriendVia(page.request, pageF.request, f.user);
  await postMomentVia(pageF.request, {
    text: "Nine frames from the coast trip",
    photos: Array.from({ length: 9 }, (_, i) => gradientPng(120 + i * 10, 120)),
  });

  // Eva: Contacts → Finn → Moments (with his latest photos) → his moments.
  await page.goto("/contacts");
  await new ContactsPages(page).openContact(finn.displayName);
  const row = page.getByRole("link", { name: /^Moments$/ });
  await expect(row.locator("img")).toHaveCount(4);
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: `${finn.displayName}’s moments` })).toBeAttached();
  const trip = page.getByRole("article").filter({ hasText: "Nine frames" });
  await expect(trip.getByRole("button", { name: /^Open photo \d of 9$/ })).toHaveCount(9);
  await new MomentsPages(page).snap("en-person-moments");

  // Eleven more moments: the trip goes to the second page, loaded as the end scrolls into view.
  for (let i = 1; i <= 10; i++) await postMomentVia(pageF.request, { text: `Day ${i} back home` });
  const long = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of a long story.`).join("\n");
  await postMomentVia(pageF.request, { text: long });
  await page.reload();
  const story = page.getByRole("article").filter({ hasText: "Line 1 of a long story." });
  await expect(story.getByRole("button", { name: "Full text" })).toBeVisible();
  const storyText = story.getByRole("paragraph");
  expect(await storyText.evaluate((p) => p.scrollHeight > p.clientHeight)).toBe(true);
  await story.getByRole("button", { name: "Full text" }).click();
  await expect(story.getByRole("button", { name: "Collapse" })).toHaveAttribute("aria-expanded", "true");
  expect(await storyText.evaluate((p) => p.scrollHeight > p.clientHeight)).toBe(false);
  await expect(page.getByRole("article")).toHaveCount(10);
  await expect(async () => {
    await page.mouse.wheel(0, 5000);
    await expect(trip).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(page.getByRole("article")).toHaveCount(12);
  await page.emulateMedia({ colorScheme: "dark" });
  await new MomentsPages(page).snap("en-person-moments-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Permissions: hide Finn's moments from my feed.
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: "Moments permissions" }).click();
  const hideTheirs = page.getByRole("switch", { name: `Hide ${finn.displayName}’s moments` });
  await expect(hideTheirs).not.toBeChecked();
  await hideTheirs.check();
  await expect(hideTheirs).toBeChecked();
  await new MomentsPages(page).snap("en-permissions");
  await page.goto("/moments");
  await expect(page.getByRole("heading", { name: "No moments yet" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "No moments yet" })).toBeVisible();

  // Finn: Me → Moments → others see the last 3 days; still so after a reload.
  await pageF.goto("/me");
  await pageF.getByRole("main").getByRole("link", { name: "Moments" }).click();
  await expect(pageF.getByRole("heading", { level: 1, name: "Moments" })).toBeVisible();
  await expect(pageF.getByRole("radio", { name: "All" })).toBeChecked();
  await pageF.getByRole("radio", { name: "Last 3 days" }).check();
  await expect(pageF.getByRole("radio", { name: "Last 3 days" })).toBeChecked();
  await pageF.reload();
  await expect(pageF.getByRole("radio", { name: "Last 3 days" })).toBeChecked();
  await new MomentsPages(pageF).snap("en-settings");
});
