import { expect, type Page } from "@playwright/test";

/** Me, and the screens below it. */
export class MePages {
  constructor(readonly page: Page) {}

  profileCard(displayName: string) {
    return this.page.getByRole("region", { name: displayName });
  }

  async openRow(name: string | RegExp, heading: string) {
    await this.page.getByRole("main").getByRole("link", { name }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }

  async chooseLanguage(label: "English" | "Français") {
    await this.page.getByRole("radio", { name: label }).check();
  }

  async rename(newName: string) {
    await this.page.getByLabel("Display name").fill(newName);
    await this.page.getByRole("button", { name: "Save" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Me" })).toBeVisible();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page.getByRole("link", { name: "Create an account" })).toBeVisible();
  }
}
