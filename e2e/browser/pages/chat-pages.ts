import type { User } from "@agora/protocol/identity";
import { expect, type Page } from "@playwright/test";
import { befriendVia, registerVia } from "../support/api.ts";
import { newPerson, type Person } from "../support/people.ts";

/** The chat list, New chat, a chat and a group's info screen. */
export class ChatPages {
  constructor(readonly page: Page) {}

  async openList() {
    await this.page.goto("/chats");
    await expect(this.page.getByRole("heading", { level: 1, name: "Chats" })).toBeVisible();
  }

  /** A row of the chat list, found by the conversation's name (its accessible name starts with it). */
  row(name: string) {
    return this.page.getByRole("list", { name: "Chats" }).getByRole("link", { name: new RegExp(`^${name}`) });
  }

  async open(name: string) {
    await this.row(name).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async openNewChat() {
    await this.page.getByRole("link", { name: "New chat" }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New chat" })).toBeVisible();
  }

  async pick(...names: string[]) {
    for (const name of names) await this.page.getByRole("checkbox", { name }).check();
  }

  async startDirect(name: string) {
    await this.openNewChat();
    await this.pick(name);
    await this.page.getByRole("button", { name: "Chat", exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async createGroup(title: string, ...names: string[]) {
    await this.openNewChat();
    await this.pick(...names);
    await this.page.getByLabel("Group name").fill(title);
    await this.page.getByRole("button", { name: /^Create group/ }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }

  composer() {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  async send(text: string) {
    await this.composer().fill(text);
    await this.composer().press("Enter");
    await expect(this.composer()).toHaveValue("");
  }

  log() {
    return this.page.getByRole("log", { name: "Messages" });
  }

  /** Every message and line of the open chat that contains this text. */
  message(text: string | RegExp) {
    return this.log().getByRole("listitem").filter({ hasText: text });
  }

  /** The delivery mark of one of my messages: "Sending", "Sent" or "Read". */
  mark(text: string, state: "Sending" | "Sent" | "Read") {
    return this.message(text).getByRole("img", { name: state });
  }

  /** Opens the composer's "+" menu ("More"), unless it is open already. */
  async openMore(label = "More") {
    const menu = this.page.getByRole("menu", { name: label });
    if (!(await menu.isVisible())) await this.page.getByRole("button", { name: label, exact: true }).click();
    await expect(menu).toBeVisible();
    return menu;
  }

  /** "+" → Photo, and the file chooser that opens gets this picture. */
  async sendPhoto(name: string, buffer: Buffer, labels = { more: "More", photo: "Photo" }) {
    const menu = await this.openMore(labels.more);
    const chooser = this.page.waitForEvent("filechooser");
    await menu.getByRole("menuitem", { name: labels.photo, exact: true }).click();
    await (await chooser).setFiles({ name, mimeType: "image/png", buffer });
  }

  /** The composer's mic: held to record (WeChat), or Enter / Space to start and stop. */
  mic() {
    return this.page.getByRole("button", { name: /^(Record a voice message|Enregistrer un message vocal)$/ });
  }

  recordingOverlay() {
    return this.page.getByTestId("recording-overlay");
  }

  /**
   * Presses and holds the mic until the recording shows `until` (e.g. /Recording 0:0[1-9]/), optionally
   * slides the pointer up by `slideUp` px, then releases it.
   */
  async holdToRecord(
    until: string | RegExp,
    options: { slideUp?: number; hint?: string; whileHeld?: () => Promise<void> } = {},
  ) {
    const box = await this.mic().boundingBox();
    if (!box) throw new Error("the mic button is not on screen");
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await expect(this.recordingOverlay()).toBeVisible();
    await expect(this.page.getByRole("status").filter({ hasText: until })).toBeVisible();
    if (options.slideUp) await this.page.mouse.move(x, y - options.slideUp, { steps: 4 });
    if (options.hint) await expect(this.recordingOverlay()).toContainText(options.hint);
    await options.whileHeld?.();
    await this.page.mouse.up();
    await expect(this.recordingOverlay()).toBeHidden();
  }

  async sendSticker(label: string) {
    await this.page.getByRole("button", { name: "Stickers" }).click();
    await this.page.getByRole("button", { name: label }).click();
  }

  async recall(text: string) {
    await this.message(text).locator("[tabindex]").first().click({ button: "right" });
    const actions = this.page.getByRole("dialog", { name: "Message actions" });
    await actions.getByRole("button", { name: "Recall" }).click();
    const confirm = this.page.getByRole("dialog", { name: "Recall this message?" });
    await confirm.getByRole("button", { name: "Recall" }).click();
    await expect(confirm).toBeHidden();
  }

  /** The lines of the open chat that match, top to bottom (avatars and times left out). */
  async linesMatching(pattern: RegExp): Promise<string[]> {
    const items = await this.log().getByRole("listitem").allInnerTexts();
    return items.flatMap((text) => text.split("\n").filter((line) => pattern.test(line)));
  }

  async waitUntilConnected() {
    await expect(this.page.getByRole("status").filter({ hasText: /Connecting|Offline/ })).toHaveCount(0);
  }
}

/**
 * The usual start of a chat test: each named person signs up on a phone of their own (the first
 * on `first`, the others on phones from `openPhone`) with Chats open, and the first is friends
 * with every other one.
 */
export async function friendsOnPhones<const Names extends readonly string[]>(
  first: Page,
  openPhone: () => Promise<Page>,
  ...names: Names
): Promise<{ [K in keyof Names]: OnPhone }> {
  const people: OnPhone[] = [];
  for (const [index, name] of names.entries()) {
    const page = index === 0 ? first : await openPhone();
    const person = newPerson(name);
    const user = await registerVia(page.request, person);
    const chats = new ChatPages(page);
    await chats.openList();
    people.push({ page, person, user, chats });
  }
  const [host, ...others] = people;
  for (const other of others) if (host) await befriendVia(host.page.request, other.page.request, other.user);
  return people as { [K in keyof Names]: OnPhone };
}

export interface OnPhone {
  page: Page;
  person: Person;
  user: User;
  chats: ChatPages;
}
