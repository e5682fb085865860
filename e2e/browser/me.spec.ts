import { AppShell } from "./pages/app-shell.ts";
import { ContactsPages } from "./pages/contacts-pages.ts";
import { MePages } from "./pages/me-pages.ts";
import { befriendVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

test("removing a contact asks first, then takes them off the list", async ({ page, openPhone }) => {
  const eve = newPerson("Eve Adams");
  const finn = newPerson("Finn Berg");
  const other = await openPhone();
  await registerVia(page.request, eve);
  const finnUser = await registerVia(other.request, finn);
  await befriendVia(page.request, other.request, finnUser);

  await page.goto("/contacts");
  const contacts = new ContactsPages(page);
  await contacts.openContact(finn.displayName);
  await expect(page.getByRole("region", { name: finn.displayName })).toContainText(`@${finn.handle}`);
  await page.getByRole("button", { name: "Remove contact" }).click();
  await expect(page.getByRole("dialog", { name: `Remove ${finn.displayName}?` })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  await contacts.confirmProfileAction("Remove contact", "Remove");
  await expect(page.getByRole("heading", { name: "No contacts yet" })).toBeVisible();
});

test("blocking removes the contact and lists them under Me → Blocked people until unblocked", async ({
  page,
  openPhone,
}) => {
  const gus = newPerson("Gus Hale");
  const hana = newPerson("Hana Ito");
  const other = await openPhone();
  await registerVia(page.request, gus);
  const hanaUser = await registerVia(other.request, hana);
  await befriendVia(page.request, other.request, hanaUser);

  await page.goto("/contacts");
  const contacts = new ContactsPages(page);
  await contacts.openContact(hana.displayName);
  await contacts.confirmProfileAction("Block", "Block");
  await expect(contacts.contact(hana.displayName)).toBeHidden();

  await new AppShell(page).open("Me");
  const me = new MePages(page);
  await me.openRow("Blocked people", "Blocked people");
  await page.getByRole("button", { name: `Unblock ${hana.displayName}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `${hana.displayName} is unblocked` }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "No one is blocked" })).toBeVisible();
});

test("Me shows my card and renames me", async ({ page }) => {
  const ivy = newPerson("Ivy Lane");
  await registerVia(page.request, ivy);
  await page.goto("/me");
  const me = new MePages(page);
  await expect(me.profileCard(ivy.displayName)).toContainText(`@${ivy.handle}`);
  await expect(me.profileCard(ivy.displayName)).toContainText("IL");
  await snap(page, "en-me");
  await page.emulateMedia({ colorScheme: "dark" });
  await snap(page, "en-me-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await me.openRow(/^Name/, "Edit name");
  await me.rename("Ivy Lane-Moreau");
  await expect(me.profileCard("Ivy Lane-Moreau")).toBeVisible();
  await page.reload();
  await expect(me.profileCard("Ivy Lane-Moreau")).toBeVisible();
});
