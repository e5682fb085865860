import { expect, type Locator, type Page } from "@playwright/test";

/** Scan, My QR code, Receive money, the sign-in page's QR login and the approval screen. */
export class QrPages {
  constructor(readonly page: Page) {}

  async openScan() {
    await this.page.goto("/scan");
    await expect(this.page.getByRole("heading", { level: 1, name: "Scan" })).toBeVisible();
  }

  /** Decodes a picture through "Choose from photos", as someone picking a photo of a code would. */
  async scanPicture(png: Buffer, name = "code.png") {
    await this.page
      .getByLabel("Choose from photos")
      .setInputFiles({ name, mimeType: "image/png", buffer: png });
  }

  sheet(name: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name });
  }

  async openMyQr() {
    await this.page.goto("/qr/me");
    await expect(this.page.getByRole("heading", { level: 1, name: "My QR code" })).toBeVisible();
  }

  async openReceive() {
    await this.page.goto("/qr/receive");
    await expect(this.page.getByRole("heading", { level: 1, name: "Receive money" })).toBeVisible();
  }

  async setAmount(text: string) {
    await this.page.getByRole("button", { name: "Set amount" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Set amount" });
    await dialog.getByLabel("Amount").fill(text);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
  }

  /** A drawn code, found by its accessible name, once its image has loaded. */
  async code(name: string | RegExp): Promise<Locator> {
    const image = this.page.getByRole("img", { name });
    await expect(image).toBeVisible();
    await expect(image).toHaveJSProperty("complete", true);
    return image;
  }

  /** A picture of a code as another phone's camera roll would hold it. */
  async photoOf(name: string | RegExp): Promise<Buffer> {
    return (await this.code(name)).screenshot({ animations: "disabled" });
  }

  loginPanel(): Locator {
    return this.page.getByRole("region", { name: "Log in with QR code" });
  }
}
