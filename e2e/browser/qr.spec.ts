import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { User } from "@agora/protocol/identity";
import { API_PREFIX } from "@agora/protocol/routes";
import type { APIRequestContext, Page } from "@playwright/test";
import { QrPages } from "./pages/qr-pages.ts";
import { befriendVia, conversationVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson, type Person } from "./support/people.ts";
import { snap } from "./support/screenshots.ts";

skipWithoutChromium();

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "screenshots");

/** Saves e2e/screenshots/qr-<name>.png, and a copy where QR_SHOTS_DIR points (for a review). */
async function shot(page: Page, name: string) {
  await snap(page, `qr-${name}`);
  const dir = process.env.QR_SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(SHOTS, `qr-${name}.png`), path.join(dir, `${name}.png`));
  }
}

async function signedIn(page: Page, person: Person): Promise<{ user: User; qr: QrPages }> {
  const user = await registerVia(page.request, person);
  return { user, qr: new QrPages(page) };
}

async function me(request: APIRequestContext): Promise<User> {
  const response = await request.get(`${API_PREFIX}/me`);
  expect(response.status()).toBe(200);
  return (await response.json()) as User;
}

const PIN = "274913";

/** A PIN and some money, through the API: the test starts at the scan. */
async function walletReady(request: APIRequestContext, cents: number) {
  expect((await request.put(`${API_PREFIX}/wallet/pin`, { data: { pin: PIN } })).status()).toBe(204);
  const topUp = await request.post(`${API_PREFIX}/wallet/topups`, {
    data: { amount: { amount: cents, currency: "EUR" } },
  });
  expect(topUp.status()).toBe(201);
}

test("a computer logs in by QR: the phone scans a photo of the code and approves", async ({
  page,
  openPhone,
}) => {
  // The computer: nobody signed in, a desktop window.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/sign-in");
  const computer = new QrPages(page);
  await expect(computer.loginPanel()).toBeVisible();
  await expect(computer.loginPanel()).toContainText(/The code expires in [12]:\d\d/);
  const codePhoto = await computer.photoOf("QR code to log in with the Agora app on your phone");
  await shot(page, "sign-in-desktop");

  // The phone: signed in, scans the photo of the code.
  const phone = await openPhone();
  const ana = newPerson("Ana Lima");
  const { user, qr } = await signedIn(phone, ana);
  await qr.openScan();
  await qr.scanPicture(codePhoto, "computer.png");
  await expect(phone.getByRole("heading", { name: "Log in to Agora on a computer?" })).toBeVisible();
  await expect(phone.getByText(`signed in as ${ana.displayName} (@${ana.handle})`)).toBeVisible();
  // The phone names the browser that asks (Playwright drives Chromium on Linux).
  await expect(phone.getByText("Chrome on Linux")).toBeVisible();
  // The computer hears that its code was scanned.
  await expect(computer.loginPanel().getByText("Confirm the login on your phone.")).toBeVisible();
  await shot(phone, "approve");

  await phone.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "You're logged in on the computer" })).toBeVisible();

  // The computer is signed in at once, as Ana, without a reload.
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByRole("heading", { level: 1, name: "Chats" })).toBeVisible();
  expect((await me(page.request)).id).toBe(user.id);
});

test("a login refused on the phone says so on the computer, and a code that runs out is replaced", async ({
  page,
  openPhone,
}) => {
  await page.clock.install();
  await page.goto("/sign-in");
  const computer = new QrPages(page);
  // A phone-sized window keeps the QR login behind a link.
  await page.getByRole("button", { name: "Log in with QR code" }).click();
  const label = "QR code to log in with the Agora app on your phone";
  const first = await computer.code(label);
  const firstUrl = await first.evaluate((img) => img.closest("[data-qr-url]")?.getAttribute("data-qr-url"));
  await shot(page, "sign-in-phone");

  // Two minutes later the code has run out: a new one is shown without a click.
  await page.clock.runFor(121_000);
  await expect(computer.loginPanel().locator(`[data-qr-url]:not([data-qr-url="${firstUrl}"])`)).toBeVisible();
  await expect(computer.loginPanel()).toContainText(/The code expires in [12]:\d\d/);

  // Someone scans it and refuses.
  const photo = await computer.photoOf(label);
  const phone = await openPhone();
  const { qr } = await signedIn(phone, newPerson("Ana Lima"));
  await qr.openScan();
  await qr.scanPicture(photo);
  await phone.getByRole("button", { name: "Cancel" }).click();
  await expect(phone.getByRole("heading", { name: "Login cancelled" })).toBeVisible();
  await expect(computer.loginPanel()).toContainText("The login was cancelled on your phone");
  await shot(page, "sign-in-cancelled");
  await computer.loginPanel().getByRole("button", { name: "New code" }).click();
  await computer.code(label);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a photo of a code without a session opens sign-in, and sign-in comes back to the code", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Lima");
  const anaPhone = await openPhone();
  const { qr } = await signedIn(anaPhone, ana);
  await qr.openMyQr();
  const url = await (await qr.code(/^QR code to add Ana Lima/)).evaluate(
    (img) => img.closest("[data-qr-url]")?.getAttribute("data-qr-url") ?? "",
  );
  expect(url).toMatch(/\/q\/[A-Za-z0-9_-]+$/);

  // Ben's phone camera opened the link; he is signed out on this browser.
  const ben = newPerson("Ben Okoro");
  await registerVia(page.request, ben);
  await page.request.post(`${API_PREFIX}/auth/logout`);
  await page.goto(new URL(url).pathname);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fq%2F/);
  await expect(page.getByText("Sign in to open the QR code you scanned.")).toBeVisible();
  await page.getByLabel("Handle").fill(ben.handle);
  await page.getByLabel("Password", { exact: true }).fill(ben.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add contact" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`@${ana.handle}`);
  await expect(page.getByRole("button", { name: "Add to contacts" })).toBeVisible();
});

test("scanning a photo of someone's QR code offers to add them", async ({ page, openPhone }) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const a = await signedIn(page, ana);
  await a.qr.openMyQr();
  const photo = await a.qr.photoOf(/^QR code to add Ana Lima/);
  await expect(page.getByRole("region", { name: `QR code card of ${ana.displayName}` })).toContainText(
    `@${ana.handle}`,
  );
  await shot(page, "my-code");

  const phone = await openPhone();
  const b = await signedIn(phone, ben);
  await b.qr.openScan();
  // The browser's fake camera is running: the viewfinder is up.
  await expect(phone.getByText("Place a QR code inside the frame")).toBeVisible();
  await shot(phone, "scan");
  await b.qr.scanPicture(photo);
  const sheet = b.qr.sheet("Add contact");
  await expect(sheet).toContainText(ana.displayName);
  await expect(sheet).toContainText(`@${ana.handle}`);
  await shot(phone, "add-contact-sheet");
  await sheet.getByRole("button", { name: "Add to contacts" }).click();
  const request = phone.getByRole("dialog", { name: "Send a friend request" });
  await request.getByRole("button", { name: "Send request" }).click();
  await expect(request).toBeHidden();
  await expect(sheet.getByRole("status")).toHaveText(`Friend request sent to ${ana.displayName}.`);
  await expect(sheet.getByRole("button", { name: "Request sent" })).toBeDisabled();
  await phone.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // Ana keeps a picture of her code, then resets it: the old picture stops working.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save image" }).click();
  expect((await download).suggestedFilename()).toBe(`agora-${ana.handle}.png`);
  await page.getByRole("button", { name: "Reset code" }).click();
  await page
    .getByRole("dialog", { name: "Reset your QR code?" })
    .getByRole("button", { name: "Reset" })
    .click();
  await expect(page.getByText("Your QR code was reset. Old copies no longer work.")).toBeVisible();
  await b.qr.scanPicture(photo, "old.png");
  await expect(b.qr.sheet("Can't use this code")).toContainText("This QR code isn't valid.");
});

test("a picture without a code, and a code that isn't valid, say so", async ({ page }) => {
  const { qr } = await signedIn(page, newPerson("Chloé Martin"));
  await qr.openScan();
  // The app's icon: a picture, but no code in it.
  const logo = await page.request.get("/icons/icon-192.png");
  await qr.scanPicture(Buffer.from(await logo.body()), "logo.png");
  await expect(page.getByRole("alert")).toHaveText(/No QR code found in this picture/);

  // A code's link with a token nobody issued.
  await page.goto("/q/AAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { level: 1, name: "Can't use this code" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("This QR code isn't valid.");
});

test("a group's QR code: someone outside the group scans it and joins", async ({ page, openPhone }) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const chloe = newPerson("Chloé Martin");
  const a = await signedIn(page, ana);
  const benPhone = await openPhone();
  const b = await signedIn(benPhone, ben);
  await befriendVia(page.request, benPhone.request, b.user);
  const group = await conversationVia(page.request, {
    type: "group",
    title: "Hiking club",
    memberIds: [b.user.id],
  });

  await page.goto(`/chats/${group.id}/info`);
  await page.getByRole("link", { name: "Group QR code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Group QR code" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Valid until/);
  const photo = await a.qr.photoOf("QR code to join Hiking club");
  await shot(page, "group-code");

  const phone = await openPhone();
  const c = await signedIn(phone, chloe);
  await c.qr.openScan();
  await c.qr.scanPicture(photo, "group.png");
  const sheet = c.qr.sheet("Join group");
  await expect(sheet).toContainText("Hiking club");
  await expect(sheet).toContainText("2 members");
  await expect(sheet).toContainText(`Shared by ${ana.displayName}`);
  await shot(phone, "join-sheet");
  await sheet.getByRole("button", { name: "Join group" }).click();
  await expect(phone).toHaveURL(new RegExp(`/chats/${group.id}$`));
  await expect(phone.getByRole("heading", { name: "Hiking club" })).toBeVisible();
});

test("in French: a receive code for 12,50 €", async ({ openPhone }) => {
  const phone = await openPhone({ locale: "fr-FR" });
  const { qr } = await signedIn(phone, newPerson("Élise Bernard"));
  await phone.goto("/qr/receive");
  await expect(phone.getByRole("heading", { level: 1, name: "Recevoir de l'argent" })).toBeVisible();
  await phone.getByRole("button", { name: "Fixer le montant" }).click();
  const dialog = phone.getByRole("dialog", { name: "Fixer le montant" });
  await dialog.getByLabel("Montant").fill("12,50");
  await dialog.getByRole("button", { name: "Valider" }).click();
  await expect(phone.getByRole("main")).toContainText(/12,50\s€/);
  await qr.code(/^Code QR pour me payer 12,50\s€$/);
  await shot(phone, "fr-receive-amount");
});

test("receive money: a code for a set amount, scanned from a photo, opens the pay sheet", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const a = await signedIn(page, ana);
  await a.qr.openReceive();
  await a.qr.setAmount("12.50");
  await expect(page.getByRole("main")).toContainText("€12.50");
  const photo = await a.qr.photoOf("QR code to pay me €12.50");
  await shot(page, "receive-amount");

  const phone = await openPhone();
  const b = await signedIn(phone, ben);
  await walletReady(phone.request, 5000);
  await b.qr.openScan();
  await b.qr.scanPicture(photo, "pay-ana.png");
  const sheet = b.qr.sheet("Transfer");
  await expect(sheet).toContainText(`Transfer to ${ana.displayName}`);
  await expect(sheet).toContainText("€12.50");
  await shot(phone, "pay-sheet");

  // Ben pays with his PIN; Ana's balance shows the money.
  await sheet.getByRole("button", { name: "Transfer" }).click();
  await phone.getByLabel("Payment PIN, 6 digits").fill(PIN);
  await expect(phone.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await shot(phone, "paid");
  await sheet.getByRole("button", { name: "Done" }).click();
  await expect(phone).toHaveURL(/\/me\/wallet$/);
  const wallet = await page.request.get(`${API_PREFIX}/wallet`);
  expect(((await wallet.json()) as { balance: { amount: number } }).balance.amount).toBe(1250);
});
