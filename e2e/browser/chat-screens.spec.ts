import type { Page } from "@playwright/test";
import { ChatPages } from "./pages/chat-pages.ts";
import { befriendVia, conversationVia, recallVia, registerVia, sendVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { gradientPng } from "./support/png.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

const COPY = {
  en: {
    chats: "Chats",
    recalled: "Ben Okoro recalled a message",
    created: "Cléo Martin created the group “Weekend hike”",
    groupInfo: "Group info",
    newChat: "New chat",
    more: "More",
    photo: "Photo",
    stickers: "Stickers",
    party: "Party",
    recording: /Recording 0:0[2-9]/,
    chatInfo: "Chat info",
    back: "Back",
    message: "Message",
    sent: "Sent",
    readBy: "Read by",
    readOne: "Read · 1",
    unreadOne: "Not read yet · 1",
  },
  fr: {
    chats: "Discussions",
    recalled: "Ben Okoro a retiré un message",
    created: "Cléo Martin a créé le groupe « Weekend hike »",
    groupInfo: "Infos du groupe",
    newChat: "Nouvelle discussion",
    more: "Plus",
    photo: "Photo",
    stickers: "Autocollants",
    party: "Fête",
    recording: /Enregistrement 0:0[2-9]/,
    chatInfo: "Infos de la discussion",
    back: "Retour",
    message: "Message",
    sent: "Envoyé",
    readBy: "Lu par",
    readOne: "Lu · 1",
    unreadOne: "Pas encore lu · 1",
  },
} as const;

for (const lng of ["en", "fr"] as const) {
  test(`screens for review (${lng}): chat list, a group chat with every kind, group info, new chat`, async ({
    page,
    openPhone,
  }) => {
    const copy = COPY[lng];
    const ana = newPerson("Ana Lima");
    const ben = newPerson("Ben Okoro");
    const cleo = newPerson("Cléo Martin");
    const benPhone = await openPhone();
    const cleoPhone = await openPhone();
    await page.context().grantPermissions(["microphone"]);
    await page.addInitScript((language) => localStorage.setItem("agora.language", language), lng);
    const anaUser = await registerVia(page.request, ana);
    const benUser = await registerVia(benPhone.request, ben);
    const cleoUser = await registerVia(cleoPhone.request, cleo);
    await befriendVia(page.request, benPhone.request, benUser);
    await befriendVia(page.request, cleoPhone.request, cleoUser);
    await befriendVia(cleoPhone.request, benPhone.request, benUser);

    const direct = await conversationVia(benPhone.request, { type: "direct", userId: anaUser.id });
    await sendVia(benPhone.request, direct.id, { kind: "text", text: "Are we still on for Saturday?" });
    await sendVia(benPhone.request, direct.id, { kind: "sticker", payload: { stickerId: "thumbs_up" } });
    const group = await conversationVia(cleoPhone.request, {
      type: "group",
      title: "Weekend hike",
      memberIds: [anaUser.id, benUser.id],
    });
    await sendVia(benPhone.request, group.id, { kind: "text", text: "Who brings the map?" });
    const oops = await sendVia(benPhone.request, group.id, { kind: "text", text: "wrong chat, sorry" });
    await recallVia(benPhone.request, oops.id);
    await sendVia(cleoPhone.request, group.id, {
      kind: "text",
      text: "I have one. Route: https://example.org/trail",
    });

    const chats = new ChatPages(page);
    await page.goto("/chats");
    await expect(page.getByRole("heading", { level: 1, name: copy.chats })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Weekend hike/ })).toBeVisible();
    await chats.waitUntilConnected();
    await snap(page, `${lng}-chats`);

    await page.getByRole("link", { name: /^Weekend hike/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Weekend hike" })).toBeVisible();
    await expect(page.getByText(copy.created)).toBeVisible();
    await expect(page.getByText(copy.recalled)).toBeVisible();
    const log = page.getByRole("log");
    const composer = page.getByRole("textbox", { name: copy.message });
    await composer.fill("Perfect, I'll bring snacks 🍫");
    await composer.press("Enter");
    await chats.sendPhoto("ridge.png", gradientPng(240, 160), { more: copy.more, photo: copy.photo });
    await expect(log.getByRole("img", { name: copy.sent })).toHaveCount(2);
    await page.getByRole("button", { name: copy.stickers }).click();
    await page.getByRole("button", { name: copy.party }).click();
    await chats.holdToRecord(copy.recording, { whileHeld: () => snap(page, `${lng}-recording`) });
    await expect(log.getByRole("img", { name: copy.sent })).toHaveCount(4);
    await sendVia(benPhone.request, group.id, { kind: "text", text: "Great view! See you at 8 🚆" });
    await expect(page.getByText("Great view!")).toBeVisible();
    await waitForImages(page);
    await snap(page, `${lng}-chat`);

    // Who read my message: Ben answered after it (so he has read it), Cléo hasn't opened the chat.
    await page.getByText("Perfect, I'll bring snacks").click({ button: "right" });
    await page.getByRole("dialog").getByRole("button", { name: copy.readBy }).click();
    const sheet = page.getByRole("dialog", { name: copy.readBy });
    await expect(sheet.getByRole("region", { name: copy.readOne, exact: true })).toContainText(
      ben.displayName,
    );
    await expect(sheet.getByRole("region", { name: copy.unreadOne, exact: true })).toContainText(
      cleo.displayName,
    );
    await snap(page, `${lng}-read-by`);
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();

    await page.getByRole("link", { name: copy.chatInfo }).click();
    await expect(page.getByRole("heading", { level: 1, name: copy.groupInfo })).toBeVisible();
    await snap(page, `${lng}-group-info`);

    await page.goto("/chats/new");
    await expect(page.getByRole("heading", { level: 1, name: copy.newChat })).toBeVisible();
    await page.getByRole("checkbox", { name: ben.displayName }).check();
    await page.getByRole("checkbox", { name: cleo.displayName }).check();
    await snap(page, `${lng}-new-chat`);
  });
}

async function waitForImages(page: Page) {
  await expect
    .poll(() =>
      page.locator("img").evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete)),
    )
    .toBe(true);
}
