import { expect, type Page } from "@playwright/test";

type Tab = "Chats" | "Contacts" | "Discover" | "Me";

/** The tab bar (phone) or rail (desktop). */
export class AppShell {
  constructor(readonly page: Page) {}

  /** The only navigation landmark, whatever the language names it. */
  nav() {
    return this.page.getByRole("navigation");
  }

  tab(name: Tab | string) {
    return this.nav().getByRole("link", { name: new RegExp(`^${name}\\b`) });
  }

  async open(name: Tab | string) {
    await this.tab(name).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
}
