import { AppShell } from "./pages/app-shell.ts";
import { AuthPages } from "./pages/auth-pages.ts";
import { ContactsPages } from "./pages/contacts-pages.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

test("two people sign up, one finds and adds the other, who accepts: both see each other", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const pageA = page;
  const pageB = await openPhone();

  const authA = new AuthPages(pageA);
  await authA.openSignUp();
  await authA.fillSignUp(ana);
  await snap(pageA, "en-sign-up");
  await authA.submitSignUp();
  await authA.expectSignedIn();
  await new AuthPages(pageB).signUp(ben);

  // Ana, with no contacts yet, searches for Ben and asks him.
  const shellA = new AppShell(pageA);
  const contactsA = new ContactsPages(pageA);
  await shellA.open("Contacts");
  await expect(pageA.getByRole("heading", { name: "No contacts yet" })).toBeVisible();
  await contactsA.openAddContact();
  await contactsA.search(ben.handle.slice(0, 6));
  await expect(contactsA.result(ben.handle)).toBeVisible();
  await contactsA.search(ben.handle);
  await expect(
    contactsA.result(ben.handle).getByRole("button", { name: `Add ${ben.displayName}` }),
  ).toBeVisible();
  await snap(pageA, "en-search");
  await contactsA.openRequestDialog(ben.displayName, ben.handle);
  await expect(contactsA.requestDialog().getByLabel("Message (optional)")).toHaveValue("Hi, I'm Ana Lima");
  await snap(pageA, "en-add-dialog");
  await contactsA.sendFromDialog("Hi Ben, it's Ana from the climbing club");
  await expect(
    pageA.getByRole("status").filter({ hasText: `Request sent to ${ben.displayName}` }),
  ).toBeVisible();
  await expect(contactsA.result(ben.handle)).toContainText("Requested");

  // Ben's tab bar shows the request at once: it comes over the socket, not from a poll or a reload.
  const shellB = new AppShell(pageB);
  await expect(shellB.tab("Contacts")).toHaveAccessibleName("Contacts, 1 new friend request");
  await expect(shellB.tab("Contacts")).toContainText("1");

  const contactsB = new ContactsPages(pageB);
  await shellB.open("Contacts");
  await expect(contactsB.newFriendsRow()).toHaveAccessibleName("New friends, 1 new friend request");
  await contactsB.openNewFriends();
  await expect(contactsB.incomingRequest(ana.displayName)).toContainText(
    "Hi Ben, it's Ana from the climbing club",
  );
  await snap(pageB, "en-new-friends");
  await contactsB.accept(ana.displayName);
  await expect(
    pageB.getByRole("status").filter({ hasText: `${ana.displayName} is now in your contacts` }),
  ).toBeVisible();
  await expect(pageB.getByRole("heading", { name: "No friend requests" })).toBeVisible();

  await pageB.getByRole("link", { name: "Back" }).click();
  await expect(contactsB.contact(ana.displayName)).toBeVisible();
  await expect(pageB.getByRole("heading", { name: "A", level: 2 })).toBeVisible();
  await expect(shellB.tab("Contacts")).toHaveAccessibleName("Contacts");

  // Ana sees Ben in her list once she comes back to it.
  await pageA.getByRole("link", { name: "Back" }).click();
  await expect(contactsA.contact(ben.displayName)).toBeVisible();
  await expect(pageA.getByText("1 contact", { exact: true })).toBeVisible();
  await snap(pageA, "en-contacts");
});

test("the add-contact search says when no one matches, and a request to an existing contact is not offered", async ({
  page,
}) => {
  const solo = newPerson("Solo Person");
  await new AuthPages(page).signUp(solo);
  await new AppShell(page).open("Contacts");
  const contacts = new ContactsPages(page);
  await contacts.openAddContact();
  await contacts.search("zz_nobody_has_this_name");
  await expect(
    page.getByRole("status").filter({ hasText: "No one found for “zz_nobody_has_this_name”" }),
  ).toBeVisible();
});
