import { AppShell } from "./pages/app-shell.ts";
import { AuthPages } from "./pages/auth-pages.ts";
import { MePages } from "./pages/me-pages.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

test("a wrong password says so clearly, and the right one lands on Chats", async ({ page }) => {
  const person = newPerson("Cleo Park");
  const auth = new AuthPages(page);
  await auth.signUp(person);
  await new AppShell(page).open("Me");
  await new MePages(page).signOut();

  await auth.openSignIn();
  await auth.signIn(person.handle, "not-the-password");
  await expect(auth.alert()).toHaveText("Wrong handle or password");
  await snap(page, "en-sign-in-error");

  await auth.signIn("nobody_by_that_name", person.password);
  await expect(auth.alert()).toHaveText("Wrong handle or password");

  await auth.signIn(person.handle.toUpperCase(), person.password);
  await auth.expectSignedIn();
  await expect(page.getByRole("heading", { name: "No chats yet" })).toBeVisible();
  await snap(page, "en-chats");
});

test("sign-up explains the rules inline and a taken handle by name", async ({ page }) => {
  const taken = newPerson("Dana Wu");
  const auth = new AuthPages(page);
  await auth.signUp(taken);
  await new AppShell(page).open("Me");
  await new MePages(page).signOut();

  await auth.openSignUp();
  await page.getByLabel("Handle").fill("no");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await auth.submitSignUp();
  await expect(page.getByLabel("Handle")).toHaveAccessibleDescription(
    "Use 3–32 characters: lowercase letters, digits and _",
  );
  await expect(page.getByLabel("Display name")).toHaveAccessibleDescription("Enter a display name");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(
    "Use at least 8 characters",
  );
  await snap(page, "en-sign-up-errors");

  await auth.fillSignUp({ ...newPerson("Dana Two"), handle: taken.handle });
  await auth.submitSignUp();
  await expect(page.getByLabel("Handle")).toHaveAccessibleDescription(
    "This handle is taken. Try another one.",
  );
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("signed-out visitors are sent to Welcome from any screen, keeping where they were going", async ({
  page,
}) => {
  await page.goto("/contacts/new-friends");
  await expect(page).toHaveURL(/\/welcome\?next=%2Fcontacts%2Fnew-friends$/);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcontacts%2Fnew-friends$/);
});
