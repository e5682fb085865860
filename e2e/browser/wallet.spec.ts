import type { Page } from "@playwright/test";
import { ChatPages } from "./pages/chat-pages.ts";
import { balanceVia, setPinVia, shot, topUpVia, WalletPages } from "./pages/wallet-pages.ts";
import { befriendVia, conversationVia, registerVia } from "./support/api.ts";
import { skipWithoutChromium } from "./support/chromium.ts";
import { expect, test } from "./support/fixtures.ts";
import { newPerson, type Person } from "./support/people.ts";

skipWithoutChromium();

const PIN = "274851";

async function signedIn(page: Page, person: Person) {
  const user = await registerVia(page.request, person);
  return { user, chats: new ChatPages(page), wallet: new WalletPages(page) };
}

/**
 * Ana (signed in on `page`, PIN set, `cents` topped up) and Ben (on `pageB`), contacts, with
 * the direct chat between them.
 */
async function payerAndFriendInChat(page: Page, pageB: Page, cents: number) {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const a = await signedIn(page, ana);
  const b = await signedIn(pageB, ben);
  await befriendVia(page.request, pageB.request, b.user);
  await setPinVia(page.request, PIN);
  await topUpVia(page.request, cents);
  const chat = await conversationVia(page.request, { type: "direct", userId: b.user.id });
  return { ana, ben, pageB, a, b, chat };
}

test("Me → Wallet: set a PIN, top up from the sandbox, a wrong PIN says how many tries are left, withdraw", async ({
  page,
}) => {
  const ana = newPerson("Ana Lima");
  const { wallet } = await signedIn(page, ana);

  await page.goto("/me");
  const walletRow = page.getByRole("main").getByRole("link", { name: /^Wallet/ });
  await expect(walletRow).toContainText("€0.00");
  await shot(page, "en-me");
  await walletRow.click();
  await expect(wallet.heading("Wallet")).toBeVisible();
  await expect(wallet.balance()).toHaveText("€0.00");
  await expect(page.getByText("Set a 6-digit payment PIN to send money.")).toBeVisible();

  // Set the PIN: a guessable one is refused, two that differ start over, then it is set.
  await page.getByRole("link", { name: "Set PIN" }).click();
  await expect(wallet.heading("Set payment PIN")).toBeVisible();
  await wallet.pinStep("Choose a new 6-digit PIN", "123456");
  await expect(page.getByText("That PIN is too easy to guess. Choose another.")).toBeVisible();
  await shot(page, "en-pin-setup");
  await wallet.pinStep("Choose a new 6-digit PIN", PIN);
  await wallet.pinStep("Enter the new PIN again", "999999");
  await expect(page.getByText("The two PINs didn't match. Choose your PIN again.")).toBeVisible();
  await wallet.pinStep("Choose a new 6-digit PIN", PIN);
  await wallet.pinStep("Enter the new PIN again", PIN);
  await expect(page.getByRole("heading", { name: "Payment PIN set" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(wallet.heading("Wallet")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Payment PIN/ })).toContainText("Change");

  // Top up: the sandbox says so; a quick amount, a confirmation, the new balance.
  await page.getByRole("link", { name: "Top up" }).click();
  await expect(page.getByText(/Sandbox: top-ups come from a test bank/)).toBeVisible();
  await wallet.amount().fill("12.345");
  await expect(page.getByText("Use at most two decimals, like 12.50.")).toBeVisible();
  await page.getByRole("button", { name: "€50", exact: true }).click();
  await expect(wallet.amount()).toHaveValue("50.00");
  await page.getByRole("button", { name: "Top up" }).click();
  const confirm = page.getByRole("dialog", { name: "Add €50.00 to your wallet?" });
  await confirm.getByRole("button", { name: "Add money" }).click();
  await expect(page.getByRole("heading", { name: "Money added" })).toBeVisible();
  await expect(page.getByText("New balance: €50.00")).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(wallet.balance()).toHaveText("€50.00");
  await expect(wallet.transaction("Top-up")).toContainText("+€50.00");
  await shot(page, "en-wallet");

  // Withdraw with a wrong PIN first: refused, tries left, nothing moved; then the right one.
  await page.getByRole("link", { name: "Withdraw" }).click();
  await wallet.amount().fill("80");
  await expect(page.getByText("That's more than your balance (€50.00).")).toBeVisible();
  await wallet.amount().fill("20");
  await page.getByRole("button", { name: "Withdraw", exact: true }).click();
  await expect(wallet.pinSheet()).toContainText("Withdraw to the sandbox bank");
  await expect(wallet.pinSheet()).toContainText("€20.00");
  await wallet.enterPin("111111");
  await expect(wallet.pinSheet().getByRole("alert")).toHaveText(
    "Wrong PIN. 4 tries left before payments are locked for 15 minutes.",
  );
  expect(await balanceVia(page.request)).toBe(5000);
  await wallet.enterPin(PIN);
  await expect(page.getByRole("heading", { name: /^Withdrawal (on its way|completed)$/ })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(wallet.balance()).toHaveText("€30.00");

  // The history: signed amounts, balance after each, filters.
  await page.getByRole("link", { name: "Transactions" }).click();
  await expect(wallet.transaction("Withdrawal")).toContainText("-€20.00");
  await expect(wallet.transaction("Withdrawal")).toContainText("Balance €30.00");
  await page.getByText("Money in").click();
  await expect(wallet.transaction("Top-up")).toBeVisible();
  await expect(wallet.transaction("Withdrawal")).toHaveCount(0);
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", "/api/v1/wallet/transactions.csv?direction=in");
  const csv = await page.request.get((await exportLink.getAttribute("href")) ?? "");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines[0]).toContain("balanceAfter");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("topup");
  await shot(page, "en-transactions");
});

test("a transfer in a direct chat: PIN sheet with amount and recipient, the card for both, the receipt", async ({
  page,
  openPhone,
}) => {
  const { ana, ben, pageB, a, b, chat } = await payerAndFriendInChat(page, await openPhone(), 10_000);

  await page.goto(`/chats/${chat.id}`);
  await expect(page.getByRole("heading", { level: 1, name: ben.displayName })).toBeVisible();
  await page.getByRole("button", { name: "More", exact: true }).click();
  await expect(page.getByRole("menu", { name: "More" }).getByRole("menuitem")).toHaveCount(4);
  await shot(page, "en-plus-panel");
  await a.wallet.openPlusAction("Transfer");
  await expect(a.wallet.heading("Transfer")).toBeVisible();
  await expect(page.getByRole("region", { name: "Recipient" })).toContainText(
    `Transfer to ${ben.displayName}`,
  );
  await a.wallet.amount().fill("12,5");
  await page.getByLabel("Note (optional)").fill("Lunch 🍜");
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(a.wallet.pinSheet()).toContainText(`Transfer to ${ben.displayName}`);
  await expect(a.wallet.pinSheet()).toContainText("€12.50");
  await expect(a.wallet.pinSheet()).toContainText("Lunch 🍜");
  await shot(page, "en-pin-sheet");
  await a.wallet.enterPin(PIN);
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  // Back in the chat: the card is there for Ana and, live, for Ben.
  await expect(a.wallet.transferCard("€12.50")).toBeVisible();
  await expect(a.wallet.transferCard("€12.50")).toContainText("Lunch 🍜");
  await pageB.goto(`/chats/${chat.id}`);
  await expect(b.wallet.transferCard("€12.50")).toContainText("Lunch 🍜");
  await shot(pageB, "en-transfer-card");
  expect(await balanceVia(page.request)).toBe(10_000 - 1250);
  expect(await balanceVia(pageB.request)).toBe(1250);

  // Ben opens the receipt from the card.
  await b.wallet.transferCard("€12.50").click();
  await expect(b.wallet.heading("Receipt")).toBeVisible();
  const receipt = pageB.getByRole("main");
  await expect(receipt).toContainText("+€12.50");
  await expect(receipt).toContainText(`Transfer from ${ana.displayName}`);
  await expect(receipt).toContainText("Completed");
  await expect(receipt.getByRole("definition").filter({ hasText: ana.displayName })).toBeVisible();
  await shot(pageB, "en-receipt");

  // His wallet shows the money, and it moves live when Ana pays again from his profile.
  await pageB.goto("/me/wallet");
  await expect(b.wallet.balance()).toHaveText("€12.50");
  await page.goto(`/contacts/${b.user.id}`);
  await page.getByRole("button", { name: "Transfer" }).click();
  await a.wallet.amount().fill("1");
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  await a.wallet.enterPin(PIN);
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await expect(b.wallet.balance()).toHaveText("€13.50");
});

test("a red packet in a group of three: two members open it, amounts shown, shares add up to the total", async ({
  page,
  openPhone,
}) => {
  const ana = newPerson("Ana Lima");
  const ben = newPerson("Ben Okoro");
  const cleo = newPerson("Cléo Martin");
  const pageB = await openPhone();
  const pageC = await openPhone({ reducedMotion: "reduce" });
  const a = await signedIn(page, ana);
  const b = await signedIn(pageB, ben);
  const c = await signedIn(pageC, cleo);
  await befriendVia(page.request, pageB.request, b.user);
  await befriendVia(page.request, pageC.request, c.user);
  await setPinVia(page.request, PIN);
  await topUpVia(page.request, 5_000);
  const group = await conversationVia(page.request, {
    type: "group",
    title: "Weekend hike",
    memberIds: [b.user.id, c.user.id],
  });

  await page.goto(`/chats/${group.id}`);
  await a.wallet.openPlusAction("Red packet");
  await expect(a.wallet.heading("Red packet")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Random amounts" })).toBeChecked();
  await page.getByLabel("Number of packets").fill("2");
  await a.wallet.amount().fill("10");
  await page.getByLabel("Greeting").fill("Happy trails!");
  await expect(page.getByText("€10.00", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Put money in red packet" }).click();
  await expect(a.wallet.pinSheet()).toContainText("Red packet in Weekend hike");
  await expect(a.wallet.pinSheet()).toContainText("2 packets, random amounts");
  await a.wallet.enterPin(PIN);
  await expect(page.getByRole("heading", { level: 1, name: "Weekend hike" })).toBeVisible();
  await expect(a.wallet.redPacketCard("Happy trails!")).toBeVisible();
  expect(await balanceVia(page.request)).toBe(4_000);

  // Ben and Cléo each open it.
  const opened: number[] = [];
  for (const [p, w] of [
    [pageB, b.wallet],
    [pageC, c.wallet],
  ] as const) {
    await p.goto(`/chats/${group.id}`);
    await w.redPacketCard("Happy trails!").click();
    const envelope = p.getByRole("dialog", { name: `${ana.displayName}'s red packet` });
    await expect(envelope).toContainText("Happy trails!");
    await envelope.getByRole("button", { name: "Open" }).click();
    const mine = p.getByTestId("my-red-packet-amount");
    await expect(mine).toHaveText(/^€\d+\.\d\d$/);
    // "€7.82" → 782 cents, digit by digit.
    opened.push(Number(((await mine.textContent()) ?? "").replace(/\D/g, "")));
    expect(await balanceVia(p.request)).toBe(opened.at(-1));
  }
  expect(opened.reduce((s, x) => s + x, 0)).toBe(1_000);

  // Cléo's details list both shares, and the luckiest one is marked.
  const claims = pageC.getByRole("region", { name: /^2 of 2 opened/ });
  await expect(claims).toContainText("€10.00 of €10.00");
  await expect(claims.getByRole("listitem")).toHaveCount(2);
  await expect(claims.getByRole("listitem").filter({ hasText: "Best luck" })).toHaveCount(1);
  await shot(pageC, "en-red-packet-opened");

  // Ana's card says all were claimed; opening it again shows the details.
  await expect(a.wallet.redPacketCard("Happy trails!")).toHaveAccessibleName(/All claimed/);
  await pageB.goto(`/chats/${group.id}`);
  await expect(b.wallet.redPacketCard("Happy trails!")).toHaveAccessibleName(/Opened/);
  await b.wallet.redPacketCard("Happy trails!").click();
  await expect(b.wallet.heading("Red packet")).toBeVisible();
  await expect(pageB.getByTestId("my-red-packet-amount")).toHaveText(
    `€${((opened[0] ?? 0) / 100).toFixed(2)}`,
  );
});

test("in French: the wallet's amounts and words", async ({ openPhone }) => {
  const page = await openPhone({ locale: "fr-FR" });
  const zoe = newPerson("Zoé Dubois");
  const { wallet } = await signedIn(page, zoe);
  await setPinVia(page.request, PIN);
  await topUpVia(page.request, 123_456);
  await page.goto("/me/wallet");
  await expect(wallet.heading("Portefeuille")).toBeVisible();
  await expect(wallet.balance()).toHaveText(/^1\s234,56\s€$/);
  await expect(wallet.transaction("Recharge")).toContainText(/\+1\s234,56\s€/);
  await shot(page, "fr-wallet");
});

test("in a direct chat only the other person opens a red packet", async ({ page, openPhone }) => {
  const { ana, ben, pageB, a, b, chat } = await payerAndFriendInChat(page, await openPhone(), 2_000);

  await page.goto(`/chats/${chat.id}`);
  await a.wallet.openPlusAction("Red packet");
  await expect(page.getByLabel("Number of packets")).toHaveCount(0);
  await a.wallet.amount().fill("3");
  await shot(page, "en-new-red-packet");
  await page.getByRole("button", { name: "Put money in red packet" }).click();
  await expect(a.wallet.pinSheet()).toContainText(`Red packet for ${ben.displayName}`);
  await a.wallet.enterPin(PIN);
  const card = a.wallet.redPacketCard("Best wishes!");
  await expect(card).toHaveAccessibleName(/Tap to open/);

  // Ana's own packet: nothing to open, straight to the details.
  await card.click();
  await expect(a.wallet.heading("Red packet")).toBeVisible();
  await expect(page.getByText("Nobody has opened it yet.")).toBeVisible();

  // Ben opens it, with the envelope's button.
  await pageB.goto(`/chats/${chat.id}`);
  await b.wallet.redPacketCard("Best wishes!").click();
  const envelope = pageB.getByRole("dialog", { name: `${ana.displayName}'s red packet` });
  await expect(envelope.getByRole("button", { name: "Open" })).toBeFocused();
  await shot(pageB, "en-red-packet-envelope");
  await pageB.keyboard.press("Enter");
  await expect(pageB.getByTestId("my-red-packet-amount")).toHaveText("€3.00");
  expect(await balanceVia(pageB.request)).toBe(300);

  // Ana's details update live; her card now says it was opened.
  await expect(page.getByRole("region", { name: /^1 of 1 opened/ })).toContainText(ben.displayName);
  await page.goto(`/chats/${chat.id}`);
  await expect(card).toHaveAccessibleName(/Opened/);
});

test("five wrong PINs lock payments and say until when", async ({ page }) => {
  const ana = newPerson("Ana Lima");
  const { wallet } = await signedIn(page, ana);
  await setPinVia(page.request, PIN);
  await topUpVia(page.request, 1_000);

  await page.goto("/me/wallet/withdraw");
  await wallet.amount().fill("5");
  await page.getByRole("button", { name: "Withdraw", exact: true }).click();
  for (const left of [4, 3, 2, 1]) {
    await wallet.enterPin("000001");
    await expect(wallet.pinSheet().getByRole("alert")).toContainText(
      left === 1 ? "1 try left" : `${left} tries left`,
    );
  }
  await wallet.enterPin("000001");
  await expect(wallet.pinSheet().getByRole("alert")).toHaveText(
    /^Too many wrong PINs: payments are locked until \d{1,2}:\d\d [AP]M\.$/,
  );
  await expect(wallet.pinSheet().getByLabel("Payment PIN, 6 digits")).toHaveCount(0);
  await shot(page, "en-pin-locked");
  expect(await balanceVia(page.request)).toBe(1_000);
});

test("a transfer whose answer was lost is retried with the same key and paid once", async ({
  page,
  openPhone,
}) => {
  const { pageB, a, b } = await payerAndFriendInChat(page, await openPhone(), 2_000);

  // The first answer is lost on the way back (the server did pay); the retry goes through.
  const keys: string[] = [];
  await page.route("**/api/v1/wallet/transfers", async (route) => {
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    if (keys.length === 1) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });

  await page.goto(`/pay/${b.user.id}`);
  await a.wallet.amount().fill("5");
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  await a.wallet.enterPin(PIN);
  await expect(a.wallet.pinSheet().getByRole("alert")).toHaveText(
    "We couldn't confirm this. Try again: you won't be charged twice.",
  );
  await a.wallet.enterPin(PIN);
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(await balanceVia(page.request)).toBe(1_500);
  expect(await balanceVia(pageB.request)).toBe(500);
});

test("the history loads more as it scrolls, newest first", async ({ page }) => {
  const ana = newPerson("Ana Lima");
  const { wallet } = await signedIn(page, ana);
  for (let cents = 101; cents <= 131; cents++) await topUpVia(page.request, cents);

  await page.goto("/me/wallet/transactions");
  const rows = page.getByRole("main").getByRole("listitem");
  await expect(rows).toHaveCount(30);
  await expect(rows.first()).toContainText("+€1.31");
  await page.getByText("Show more").scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(31);
  await expect(rows.last()).toContainText("+€1.01");
  await expect(page.getByText("That's everything.")).toBeVisible();
  await expect(wallet.heading("Transactions")).toBeVisible();
});
