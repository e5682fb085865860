import { contactsRoutes } from "@agora/protocol/contacts";
import { API_PREFIX } from "@agora/protocol/routes";
import { AppShell } from "./pages/app-shell.ts";
import { MePages } from "./pages/me-pages.ts";
import { befriendVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

test("switching to French in Me → Language changes the app at once and survives a reload", async ({
  page,
  openPhone,
}) => {
  const jules = newPerson("Jules Martin");
  const lea = newPerson("Léa Moreau");
  const emile = newPerson("Émile Roux");
  const mona = newPerson("Mona Petit");
  const leaPhone = await openPhone();
  const emilePhone = await openPhone();
  const monaPhone = await openPhone();
  await registerVia(monaPhone.request, mona);
  const julesUser = await registerVia(page.request, jules);
  const leaUser = await registerVia(leaPhone.request, lea);
  await registerVia(emilePhone.request, emile);
  await befriendVia(page.request, leaPhone.request, leaUser);
  const asked = await emilePhone.request.post(API_PREFIX + contactsRoutes.sendRequest.path, {
    data: { userId: julesUser.id, message: "Salut Jules, on s’est vus au marché !" },
  });
  expect(asked.status()).toBe(201);

  await page.goto("/me");
  const me = new MePages(page);
  await me.openRow(/^Language/, "Language");
  await me.chooseLanguage("Français");
  await expect(page.getByRole("heading", { level: 1, name: "Langue" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("radio", { name: "Français" })).toBeChecked();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Langue" })).toBeVisible();
  await page.getByRole("link", { name: "Retour" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Moi" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: /^Langue/ })).toContainText("Français");
  await snap(page, "fr-me");

  const shell = new AppShell(page);
  await expect(shell.tab("Discussions")).toBeVisible();
  await expect(shell.tab("Contacts")).toHaveAccessibleName("Contacts, 1 nouvelle demande d’ami");
  await shell.open("Contacts");
  await expect(page.getByRole("link", { name: /^Léa Moreau/ })).toBeVisible();
  await expect(page.getByText("1 contact", { exact: true })).toBeVisible();
  await snap(page, "fr-contacts");

  await page.getByRole("link", { name: /^Nouveaux amis/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouveaux amis" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter Émile Roux" })).toBeVisible();
  await snap(page, "fr-new-friends");

  await page.getByRole("link", { name: "Retour" }).click();
  await page.getByRole("link", { name: "Ajouter un contact" }).first().click();
  await page.getByRole("searchbox", { name: "Rechercher des personnes" }).fill(lea.handle.slice(0, 4));
  await expect(page.getByRole("main").getByText("Contact", { exact: true })).toBeVisible();
  await page.getByRole("searchbox", { name: "Rechercher des personnes" }).fill("mo");
  await expect(page.getByRole("button", { name: "Ajouter Mona Petit" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Léa Moreau/ })).toContainText("Contact");
  await snap(page, "fr-search");

  await page.goto("/chats");
  await expect(page.getByRole("heading", { name: "Aucune discussion pour l’instant" })).toBeVisible();
  await shell.open("Découvrir");
  // Moments and Scan are here; mini apps are still to come.
  await expect(page.getByRole("link", { name: /^Moments/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Scanner/ })).toBeVisible();
  await expect(page.getByText("Bientôt")).toHaveCount(1);
  await snap(page, "fr-discover");

  await shell.open("Moi");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("link", { name: "Créer un compte" }).click();
  await expect(page.getByRole("heading", { name: "Créez votre compte" })).toBeVisible();
  await page.getByLabel("Identifiant").fill("A");
  await page.getByLabel("Identifiant").blur();
  await expect(page.getByLabel("Identifiant")).toHaveAccessibleDescription(
    "3 à 32 caractères : lettres minuscules, chiffres et _",
  );
  await snap(page, "fr-sign-up");
});

test("a French browser gets French on its first visit", async ({ openPhone }) => {
  const page = await openPhone({ locale: "fr-FR" });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await snap(page, "fr-welcome");
});
