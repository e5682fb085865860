import type { Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell.ts";
import { ChatPages, friendsOnPhones } from "./pages/chat-pages.ts";
import { ContactsPages } from "./pages/contacts-pages.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { gradientPng } from "./support/png.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

/** Ana and Ben, friends, each on a phone with Chats open. */
const twoFriends = (page: Page, openPhone: () => Promise<Page>) =>
  friendsOnPhones(page, openPhone, "Ana Lima", "Ben Okoro");

test("two people chat live: no reload, typing shows, and the sender sees ✓✓ once it is read", async ({
  page,
  openPhone,
}) => {
  const [a, b] = await twoFriends(page, openPhone);
  const { person: ana } = a;
  const { person: ben, page: pageB } = b;

  await a.chats.startDirect(ben.displayName);
  await a.chats.send("Hi Ben! Lunch at https://example.org/menu today?");
  await expect(a.chats.mark("Hi Ben!", "Sent")).toBeVisible();

  // Ben, on his chat list, sees it arrive with an unread badge on the row and the tab.
  const shellB = new AppShell(pageB);
  await expect(b.chats.row(ana.displayName)).toContainText("Hi Ben! Lunch at");
  await expect(b.chats.row(ana.displayName)).toHaveAccessibleName(/^Ana Lima, 1 unread/);
  await expect(shellB.tab("Chats")).toHaveAccessibleName("Chats, 1 unread message");

  await b.chats.open(ana.displayName);
  const link = b.chats.message("Hi Ben!").getByRole("link", { name: "https://example.org/menu" });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");

  // Ben read it: Ana's message turns ✓✓ without a reload.
  await expect(a.chats.mark("Hi Ben!", "Read")).toBeVisible();

  // Ben types: Ana's header says so; then his reply lands.
  await b.chats.composer().fill("Sure");
  await expect(page.getByText("typing…")).toBeVisible();
  await b.chats.composer().fill("Sure, see you at noon 🍜\nI'll book a table");
  await b.chats.composer().press("Enter");
  await expect(a.chats.message("see you at noon 🍜")).toContainText("I'll book a table");
  await expect(b.chats.mark("see you at noon", "Read")).toBeVisible();
  await expect(a.chats.message("see you at noon")).toHaveCount(1);

  await pageB.getByRole("link", { name: "Back" }).click();
  await expect(shellB.tab("Chats")).toHaveAccessibleName("Chats");
  await expect(b.chats.row(ana.displayName)).toContainText("see you at noon");
});

test("a photo, a sticker and a voice note go through; a recalled message is gone for both", async ({
  page,
  openPhone,
}) => {
  await page.context().grantPermissions(["microphone"]);
  const [a, b] = await twoFriends(page, openPhone);
  const { person: ana } = a;
  const { person: ben, page: pageB } = b;

  await a.chats.startDirect(ben.displayName);
  await a.chats.send("Look at this view from the top");
  // The "+" menu from the keyboard: it takes the focus, arrows move along it, Escape gives the focus back.
  const more = page.getByRole("button", { name: "More", exact: true });
  await more.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "More" });
  await expect(menu.getByRole("menuitem", { name: "Photo", exact: true })).toBeFocused();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight");
  await expect(menu.getByRole("menuitem", { name: "File" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Red packet" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await a.chats.sendPhoto("summit.png", gradientPng(160, 100));
  await expect(a.chats.log().getByRole("img", { name: "Photo" })).toBeVisible();
  await a.chats.sendSticker("Party");
  await expect(a.chats.log().getByRole("img", { name: "Sticker: Party" })).toBeVisible();

  // A voice note recorded with the browser's fake microphone: press and hold the mic, release to send.
  const voiceNotes = (p: typeof page) =>
    new ChatPages(p).log().getByRole("button", { name: "Play voice message" });
  await a.chats.holdToRecord(/Recording 0:0[1-9]/, { hint: "Release to send" });
  await expect(voiceNotes(page)).toHaveCount(1);
  // Held, then slid up: released in the cancel zone, nothing is sent.
  await a.chats.holdToRecord(/Recording 0:0[1-9]/, { slideUp: 120, hint: "Release to cancel" });
  // The keyboard: Enter starts, Escape drops it; Enter starts again and Enter stops and sends.
  await a.chats.mic().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Recording 0:0" })).toBeVisible();
  await expect(a.chats.recordingOverlay()).toContainText("Esc to cancel");
  await page.keyboard.press("Escape");
  await expect(a.chats.recordingOverlay()).toBeHidden();
  await expect(voiceNotes(page)).toHaveCount(1);

  await a.chats.send("Oops, wrong chat");
  await expect(a.chats.mark("Oops, wrong chat", "Sent")).toBeVisible();

  await b.chats.open(ana.displayName);
  await expect(b.chats.message("Oops, wrong chat")).toBeVisible();
  const photo = b.chats.log().getByRole("button", { name: "Open photo" });
  await expect(photo.getByRole("img", { name: "Photo" })).toHaveJSProperty("complete", true);
  expect(await photo.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(
    0,
  );
  await expect(b.chats.log().getByRole("img", { name: "Sticker: Party" })).toBeVisible();
  // Ben got exactly one voice note (the cancelled ones never left), with its length.
  await expect(voiceNotes(pageB)).toHaveCount(1);
  await expect(
    b.chats
      .log()
      .getByRole("listitem")
      .filter({ has: pageB.getByRole("button", { name: "Play voice message" }) }),
  ).toContainText(/(^|\D)0:0[1-9]/);

  // The photo opens full size; Escape closes it.
  await photo.click();
  const viewer = pageB.getByRole("dialog", { name: "Photo" });
  await expect(viewer).toBeVisible();
  await pageB.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  await a.chats.recall("Oops, wrong chat");
  await expect(a.chats.message("You recalled a message")).toBeVisible();
  await expect(b.chats.message("Ana Lima recalled a message")).toBeVisible();
  await expect(b.chats.message("Oops, wrong chat")).toHaveCount(0);
  await expect(a.chats.mark("Look at this view", "Read")).toBeVisible();
  await snap(page, "en-chat");

  await page.getByRole("link", { name: "Back" }).click();
  await expect(a.chats.row(ben.displayName)).toContainText("You recalled a message");
});

test("a group of three: created, everyone sees the system line and each other's messages live", async ({
  page,
  openPhone,
}) => {
  const [a, b, c] = await friendsOnPhones(page, openPhone, "Ana Lima", "Ben Okoro", "Cléo Martin");
  const { person: ben, page: pageB } = b;
  const { person: cleo } = c;

  await a.chats.openNewChat();
  await a.chats.pick(ben.displayName, cleo.displayName);
  await snap(page, "en-new-chat");
  await page.getByLabel("Group name").fill("Weekend hike");
  await page.getByRole("button", { name: /^Create group/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Weekend hike" })).toBeVisible();
  await expect(page.getByText("3 members")).toBeVisible();
  await expect(a.chats.message("You created the group “Weekend hike”")).toBeVisible();

  await expect(b.chats.row("Weekend hike")).toContainText("Ana Lima created the group “Weekend hike”");
  await b.chats.open("Weekend hike");
  await c.chats.open("Weekend hike");
  await expect(c.chats.message("Ana Lima created the group “Weekend hike”")).toBeVisible();

  await a.chats.send("Saturday 8am at the station?");
  await expect(b.chats.message("Saturday 8am")).toContainText("Ana Lima");
  await expect(c.chats.message("Saturday 8am")).toBeVisible();
  await c.chats.send("I'm in! 🥾");
  await expect(a.chats.message("I'm in!")).toContainText("Cléo Martin");
  await expect(b.chats.message("I'm in!")).toBeVisible();

  // Read by (mine only): both have read Ana's message; Ben's own message offers no such list to Ana.
  await a.chats.message("Saturday 8am").locator("[tabindex]").first().click({ button: "right" });
  await page
    .getByRole("dialog", { name: "Message actions" })
    .getByRole("button", { name: "Read by" })
    .click();
  const readBy = page.getByRole("dialog", { name: "Read by" });
  await expect(readBy.getByRole("region", { name: "Read · 2" })).toContainText(ben.displayName);
  await expect(readBy.getByRole("region", { name: "Read · 2" })).toContainText(cleo.displayName);
  await expect(readBy.getByRole("region", { name: "Not read yet · 0" })).toContainText(
    "Everyone has read it.",
  );
  await readBy.getByRole("button", { name: "Close" }).click();
  await expect(readBy).toBeHidden();
  await a.chats.message("I'm in!").locator("[tabindex]").first().click({ button: "right" });
  const actions = page.getByRole("dialog", { name: "Message actions" });
  await expect(actions.getByRole("button", { name: "Copy" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Read by" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Group info: members, and the owner's controls.
  await page.getByRole("link", { name: "Chat info" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Group info" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Remove ${ben.displayName}` })).toBeVisible();
  await snap(page, "en-group-info");

  // Ben leaves: the others see it.
  await pageB.getByRole("link", { name: "Chat info" }).click();
  await pageB.getByRole("button", { name: "Leave group" }).click();
  await pageB.getByRole("dialog").getByRole("button", { name: "Leave", exact: true }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: "Chats" })).toBeVisible();
  await expect(b.chats.row("Weekend hike")).toHaveCount(0);
  await expect(c.chats.message("Ben Okoro left the group")).toBeVisible();
});

test("offline: two messages wait, go out once and in order on reconnect, and what came meanwhile arrives", async ({
  page,
  openPhone,
}) => {
  const [a, b] = await twoFriends(page, openPhone);
  const { person: ana } = a;
  const { person: ben } = b;

  // Ana starts the chat from Ben's profile.
  const contactsA = new ContactsPages(page);
  await new AppShell(page).open("Contacts");
  await contactsA.openContact(ben.displayName);
  await page.getByRole("button", { name: "Message" }).click();
  await expect(page.getByRole("heading", { level: 1, name: ben.displayName })).toBeVisible();
  await a.chats.send("Before the tunnel");
  await b.chats.open(ana.displayName);
  await expect(b.chats.message("Before the tunnel")).toBeVisible();

  await page.context().setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();
  await a.chats.send("Queued one");
  await a.chats.send("Queued two");
  await expect(a.chats.mark("Queued one", "Sending")).toBeVisible();
  await expect(a.chats.mark("Queued two", "Sending")).toBeVisible();
  await b.chats.send("Are you in the tunnel?");
  await expect(b.chats.mark("Are you in the tunnel?", "Sent")).toBeVisible();
  await expect(a.chats.message("Are you in the tunnel?")).toHaveCount(0);

  await page.context().setOffline(false);
  await a.chats.waitUntilConnected();
  await expect(a.chats.message("Are you in the tunnel?")).toBeVisible();
  await expect(a.chats.mark("Queued one", "Read")).toBeVisible();
  await expect(a.chats.mark("Queued two", "Read")).toBeVisible();

  // Ben got each exactly once, in the order Ana wrote them.
  await expect(b.chats.message("Queued one")).toHaveCount(1);
  await expect(b.chats.message("Queued two")).toHaveCount(1);
  expect(await b.chats.linesMatching(/Queued|tunnel/)).toEqual([
    "Before the tunnel",
    "Are you in the tunnel?",
    "Queued one",
    "Queued two",
  ]);

  // A reload shows the same history: nothing was stored twice.
  await page.reload();
  await expect(a.chats.message("Queued two")).toHaveCount(1);
  await expect(a.chats.message("Queued one")).toHaveCount(1);
});
