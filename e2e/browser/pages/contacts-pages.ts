import { expect, type Page } from "@playwright/test";

/** Contacts list, New friends, Add contact and a contact's profile. */
export class ContactsPages {
  constructor(readonly page: Page) {}

  main() {
    return this.page.getByRole("main");
  }

  newFriendsRow() {
    return this.main().getByRole("link", { name: /^New friends/ });
  }

  contact(name: string) {
    return this.main().getByRole("link", { name: new RegExp(`^${name}`) });
  }

  async openAddContact() {
    await this.page.getByRole("link", { name: "Add contact" }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Add contact" })).toBeVisible();
  }

  async search(query: string) {
    await this.page.getByRole("searchbox", { name: "Search people" }).fill(query);
  }

  /** The row of a search result, found by the person's @handle. */
  result(handle: string) {
    return this.main()
      .getByRole("listitem")
      .filter({ hasText: `@${handle}` });
  }

  requestDialog() {
    return this.page.getByRole("dialog", { name: "Send a friend request" });
  }

  async openRequestDialog(displayName: string, handle: string) {
    await this.result(handle)
      .getByRole("button", { name: `Add ${displayName}` })
      .click();
    await expect(this.requestDialog()).toBeVisible();
  }

  async sendFromDialog(message?: string) {
    const dialog = this.requestDialog();
    if (message !== undefined) await dialog.getByLabel("Message (optional)").fill(message);
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(dialog).toBeHidden();
  }

  async openNewFriends() {
    await this.newFriendsRow().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New friends" })).toBeVisible();
  }

  incomingRequest(displayName: string) {
    return this.page
      .getByRole("region", { name: "Requests to you" })
      .getByRole("listitem")
      .filter({ hasText: displayName });
  }

  async accept(displayName: string) {
    await this.page.getByRole("button", { name: `Accept ${displayName}` }).click();
  }

  async openContact(displayName: string) {
    await this.contact(displayName).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  }

  /** On a profile: an action row, then its confirmation. */
  async confirmProfileAction(action: "Remove contact" | "Block", confirm: "Remove" | "Block") {
    await this.main().getByRole("button", { name: action }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: confirm, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  }
}
