import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { API_PREFIX } from "@agora/protocol/routes";
import { IDEMPOTENCY_HEADER, type Wallet, walletRoutes } from "@agora/protocol/wallet";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** Where the wallet's review screenshots go (outside the repository). */
const SHOTS = process.env.WALLET_SHOTS_DIR ?? "/tmp/shots-wallet";

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: "disabled" });
}

/** Arranges a wallet through the API (a PIN, money in it), as that person's request client. */
export async function setPinVia(request: APIRequestContext, pin: string): Promise<void> {
  const response = await request.put(API_PREFIX + walletRoutes.setPin.path, { data: { pin } });
  expect(response.status()).toBe(204);
}

export async function topUpVia(request: APIRequestContext, amount: number): Promise<void> {
  const wallet = (await (await request.get(API_PREFIX + walletRoutes.getWallet.path)).json()) as Wallet;
  const response = await request.post(API_PREFIX + walletRoutes.topUp.path, {
    data: { amount: { amount, currency: wallet.balance.currency } },
    headers: { [IDEMPOTENCY_HEADER]: randomUUID() },
  });
  expect(response.status()).toBe(201);
}

export async function balanceVia(request: APIRequestContext): Promise<number> {
  const wallet = (await (await request.get(API_PREFIX + walletRoutes.getWallet.path)).json()) as Wallet;
  return wallet.balance.amount;
}

/** Me → Wallet and the screens under it, the pay sheet and the PIN sheet. */
export class WalletPages {
  constructor(readonly page: Page) {}

  heading(name: string | RegExp) {
    return this.page.getByRole("heading", { level: 1, name });
  }

  async open() {
    await this.page.goto("/me/wallet");
    await expect(this.heading("Wallet")).toBeVisible();
  }

  balance() {
    return this.page.getByTestId("wallet-balance");
  }

  /** The PIN sheet of a payment, found by what it says it is paying. */
  pinSheet() {
    return this.page.getByRole("dialog", { name: "Confirm with your PIN" });
  }

  async enterPin(pin: string) {
    await this.pinSheet().getByLabel("Payment PIN, 6 digits").pressSequentially(pin);
  }

  /** One step of Set/Change PIN: the field is named by the step's prompt. */
  async pinStep(prompt: string, pin: string) {
    await expect(this.page.getByRole("heading", { name: prompt })).toBeVisible();
    await this.page.getByLabel(prompt).pressSequentially(pin);
  }

  amount() {
    return this.page.getByRole("textbox", { name: /^Amount|^Total|^Amount each/ });
  }

  transaction(text: string | RegExp) {
    return this.page.getByRole("main").getByRole("listitem").filter({ hasText: text });
  }

  /** A transfer card in the open chat. */
  transferCard(amount: string) {
    return this.page
      .getByRole("log", { name: "Messages" })
      .getByRole("button", { name: new RegExp(`^Transfer of ${amount.replace(/[.$]/g, "\\$&")}`) });
  }

  redPacketCard(greeting: string) {
    return this.page
      .getByRole("log", { name: "Messages" })
      .getByRole("button", { name: new RegExp(`^Red packet: ${greeting}`) });
  }

  async openPlusAction(name: "Transfer" | "Red packet") {
    const menu = this.page.getByRole("menu", { name: "More" });
    if (!(await menu.isVisible())) await this.page.getByRole("button", { name: "More", exact: true }).click();
    await menu.getByRole("menuitem", { name }).click();
  }
}
