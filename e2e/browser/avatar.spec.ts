import { identityRoutes, type User } from "@agora/protocol/identity";
import { API_PREFIX } from "@agora/protocol/routes";
import type { Locator, Page } from "@playwright/test";
import { ContactsPages } from "./pages/contacts-pages.ts";
import { befriendVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson } from "./support/people.ts";
import { gradientPng } from "./support/png.ts";

skipWithoutChromium();

const SHOTS = "/tmp/shots-avatar";

async function me(page: Page): Promise<User> {
  const response = await page.request.get(API_PREFIX + identityRoutes.me.path);
  expect(response.status()).toBe(200);
  return (await response.json()) as User;
}

/** The photo inside an avatar has loaded real pixels from this address (not the initials fallback). */
async function expectPhoto(img: Locator, src: string) {
  await expect(img).toHaveAttribute("src", src);
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
}

/** Loads an image in the page: its size and the red of its top-left corner. */
function pictureOf(page: Page, url: string) {
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.drawImage(img, 0, 0);
    return {
      width: img.naturalWidth,
      height: img.naturalHeight,
      redAtTopLeft: context.getImageData(2, 2, 1, 1).data[0],
    };
  }, url);
}

async function choosePhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator('input[type="file"]').setInputFiles(file);
}

test("a profile photo set on Me shows on Me, in a contact's list and on the profile", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Photo");
  const ben = newPerson("Ben Viewer");
  const cleo = newPerson("Cleo Initials");
  const benPhone = await openPhone();
  const cleoPhone = await openPhone();
  const anaUser = await registerVia(page.request, ana);
  const benUser = await registerVia(benPhone.request, ben);
  const cleoUser = await registerVia(cleoPhone.request, cleo);
  await befriendVia(page.request, benPhone.request, benUser);
  await befriendVia(cleoPhone.request, benPhone.request, benUser);
  expect(anaUser.avatarUrl).toBeNull();

  // Me: initials only, then the card's avatar opens the photo screen.
  await page.goto("/me");
  const card = page.getByRole("region", { name: ana.displayName });
  await expect(card).toContainText("AP");
  await expect(card.locator("img")).toHaveCount(0);
  await card.getByRole("link", { name: "Change profile photo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile photo" })).toBeVisible();

  // A landscape picture (red grows left to right) in the crop frame: zoom in, move it right with
  // the keyboard so its left edge shows, then it uploads and becomes the avatar.
  await choosePhoto(page, { name: "landscape.png", mimeType: "image/png", buffer: gradientPng(300, 200) });
  await expect(page.getByRole("img", { name: "Profile photo" })).toHaveAttribute("src", /^blob:/);
  await page.getByRole("slider", { name: "Zoom" }).fill("2");
  const frame = page.getByRole("application", { name: /arrow keys/ });
  await frame.focus();
  for (let i = 0; i < 20; i++) await frame.press("ArrowRight");
  await page.screenshot({ path: `${SHOTS}/photo-crop.png`, animations: "disabled" });
  await page.getByRole("button", { name: "Use this photo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Me" })).toBeVisible();

  const avatarUrl = (await me(page)).avatarUrl;
  expect(avatarUrl).toMatch(/^\/api\/v1\/media\/[0-9a-f-]+$/);
  const thumb = `${avatarUrl}/thumb`;
  await expectPhoto(card.locator("img"), thumb);
  await expectPhoto(page.getByRole("link", { name: /^Profile photo/ }).locator("img"), thumb);
  await page.screenshot({ path: `${SHOTS}/me-with-photo.png`, animations: "disabled" });

  // Ben sees Ana's photo in his contacts list, next to Cleo's initials, and on her profile.
  await benPhone.goto("/contacts");
  const contacts = new ContactsPages(benPhone);
  await expectPhoto(contacts.contact(ana.displayName).locator("img"), thumb);
  await expect(contacts.contact(cleo.displayName)).toContainText("CI");
  await expect(contacts.contact(cleo.displayName).locator("img")).toHaveCount(0);
  expect(cleoUser.avatarUrl).toBeNull();
  await benPhone.screenshot({ path: `${SHOTS}/contacts-with-photos.png`, animations: "disabled" });

  await contacts.contact(ana.displayName).click();
  await expectPhoto(benPhone.getByRole("region", { name: ana.displayName }).locator("img"), thumb);
  await benPhone.screenshot({ path: `${SHOTS}/contact-profile-with-photo.png`, animations: "disabled" });

  // The full photo is the chosen square: 100×100 (zoom 2 of a 200 px high picture), from its left edge.
  const picture = await pictureOf(benPhone, avatarUrl as string);
  expect(picture).toMatchObject({ width: 100, height: 100 });
  expect(picture.redAtTopLeft).toBeLessThan(20);
});

test("a file that isn't a photo or is too large is refused clearly; a photo can be removed", async ({
  page,
}) => {
  const dan = newPerson("Dan Remove");
  await registerVia(page.request, dan);
  await page.goto("/me/photo");
  await expect(page.getByRole("heading", { level: 1, name: "Profile photo" })).toBeVisible();

  await choosePhoto(page, { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.getByRole("alert")).toHaveText(/isn't a photo Agora can read/);
  // Named and typed as a PNG, but the bytes don't decode.
  await choosePhoto(page, {
    name: "fake.png",
    mimeType: "image/png",
    buffer: Buffer.from("not really a png"),
  });
  await expect(page.getByRole("alert")).toHaveText(/isn't a photo Agora can read/);
  await choosePhoto(page, {
    name: "huge.png",
    mimeType: "image/png",
    buffer: Buffer.alloc(20 * 1024 * 1024 + 1),
  });
  await expect(page.getByRole("alert")).toHaveText(/This photo is too large/);
  await expect(page.getByRole("button", { name: "Use this photo" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/photo-error.png`, animations: "disabled" });

  await choosePhoto(page, { name: "ok.png", mimeType: "image/png", buffer: gradientPng(120, 160) });
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/photo-preview.png`, animations: "disabled" });
  await page.getByRole("button", { name: "Use this photo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Me" })).toBeVisible();
  // Untouched, the crop is the centred square of the portrait picture.
  const avatarUrl = (await me(page)).avatarUrl;
  expect(avatarUrl).not.toBeNull();
  expect(await pictureOf(page, avatarUrl as string)).toMatchObject({ width: 120, height: 120 });

  await page.getByRole("link", { name: "Change profile photo" }).click();
  await expect(page.getByRole("img", { name: "Profile photo" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/photo-current.png`, animations: "disabled" });
  await page.getByRole("button", { name: "Remove photo" }).click();
  await expect(page.getByRole("button", { name: "Remove photo" })).toHaveCount(0);
  expect((await me(page)).avatarUrl).toBeNull();
  await page.getByRole("link", { name: "Back" }).click();
  const card = page.getByRole("region", { name: dan.displayName });
  await expect(card).toContainText("DR");
  await expect(card.locator("img")).toHaveCount(0);
});

test("while a photo can't be loaded the initials stay", async ({ page }) => {
  const eli = newPerson("Eli Fallback");
  await registerVia(page.request, eli);
  const uploaded = await page.request.post(`${API_PREFIX}/media`, {
    multipart: { file: { name: "eli.png", mimeType: "image/png", buffer: gradientPng(64, 64) } },
  });
  expect(uploaded.status()).toBe(201);
  const { id } = (await uploaded.json()) as { id: string };
  const patched = await page.request.patch(API_PREFIX + identityRoutes.updateMe.path, {
    data: { avatarMediaId: id },
  });
  expect(patched.status()).toBe(200);

  // The thumbnail fails: the photo is dropped and the initials remain.
  await page.route("**/api/v1/media/*/thumb", (route) => route.fulfill({ status: 500 }));
  await page.goto("/me");
  const card = page.getByRole("region", { name: eli.displayName });
  await expect(card).toContainText("EF");
  await expect(card.locator("img")).toHaveCount(0);

  // Once it loads, it covers them; it is lazy and decorative (the name is written beside it).
  await page.unroute("**/api/v1/media/*/thumb");
  await page.reload();
  const img = card.locator("img");
  await expectPhoto(img, `${API_PREFIX}/media/${id}/thumb`);
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("alt", "");
});
