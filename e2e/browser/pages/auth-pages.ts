import { expect, type Page } from "@playwright/test";
import type { Person } from "../support/people.ts";

/** Welcome, Sign in and Sign up. */
export class AuthPages {
  constructor(readonly page: Page) {}

  async openWelcome() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Agora", level: 1 })).toBeVisible();
  }

  async openSignUp() {
    await this.openWelcome();
    await this.page.getByRole("link", { name: "Create an account" }).click();
    await expect(this.page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  }

  async fillSignUp(person: Person) {
    await this.page.getByLabel("Handle").fill(person.handle);
    await this.page.getByLabel("Display name").fill(person.displayName);
    await this.page.getByLabel("Password", { exact: true }).fill(person.password);
  }

  async submitSignUp() {
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  /** Signs up through the form and waits for the Chats tab. */
  async signUp(person: Person) {
    await this.openSignUp();
    await this.fillSignUp(person);
    await this.submitSignUp();
    await this.expectSignedIn();
  }

  async openSignIn() {
    await this.openWelcome();
    await this.page.getByRole("link", { name: "Sign in" }).click();
    await expect(this.page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
  }

  async signIn(handle: string, password: string) {
    await this.page.getByLabel("Handle").fill(handle);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async expectSignedIn() {
    await expect(this.page).toHaveURL(/\/chats$/);
    await expect(this.page.getByRole("heading", { name: "Chats", level: 1 })).toBeVisible();
  }

  alert() {
    return this.page.getByRole("alert");
  }
}
