import { expect } from "vitest";
import type { TestApp, TestUser } from "./harness.ts";

export const PIN = "123456";
export const eur = (amount: number) => ({ amount, currency: "EUR" });

/** Wallet calls as a signed-in user, with an optional Idempotency-Key. */
export function walletClient(app: () => TestApp) {
  function req(method: "GET" | "POST" | "PUT", url: string, user: TestUser, body?: unknown, key?: string) {
    return app().client.request(method, url, {
      token: user.token,
      ...(body !== undefined ? { body } : {}),
      ...(key ? { headers: { "idempotency-key": key } } : {}),
    });
  }

  /** A new user with the test PIN and `amount` topped up from the sandbox. */
  async function funded(name: string, amount = 10_000): Promise<TestUser> {
    const u = await app().client.user(name);
    expect((await req("PUT", "/wallet/pin", u, { pin: PIN })).status).toBe(204);
    if (amount > 0)
      expect((await req("POST", "/wallet/topups", u, { amount: eur(amount) })).status).toBe(201);
    return u;
  }

  async function balance(u: TestUser): Promise<number> {
    return (await req("GET", "/wallet", u)).body.balance.amount;
  }

  return { req, funded, balance };
}
