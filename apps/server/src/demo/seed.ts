import sharp from "sharp";
import type { Services } from "../app.ts";

export const DEMO_PASSWORD = "agora-demo";

export const DEMO_USERS = [
  { handle: "alice", displayName: "Alice Martin" },
  { handle: "bob", displayName: "Bob Chen" },
  { handle: "carol", displayName: "Carol Dubois" },
  { handle: "dave", displayName: "Dave Okafor" },
] as const;

const MARK = "demo_seed";

/**
 * Fills a new installation with people to try things with: alice and bob are contacts, carol
 * has asked alice, dave is a stranger to find by search. Every step is skipped when already
 * done, so a start killed halfway finishes the job next time; an installation that had real
 * users before the demo was ever seeded is left alone.
 */
export async function seedDemoData(services: Services): Promise<boolean> {
  const seeded = await seedPeople(services);
  await seedWallets(services);
  await seedMoments(services);
  return seeded;
}

async function seedPeople(services: Services): Promise<boolean> {
  const state = await services.system.get(MARK);
  if (state === "done") return false;
  if (state === undefined && (await services.system.userCount()) > 0) return false;
  await services.system.set(MARK, "started");

  const meta = { ip: "seed", userAgent: "seed" };
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const found = (await services.identity.search(u.handle, [], 1)).find((x) => x.handle === u.handle);
    ids[u.handle] =
      found?.id ?? (await services.identity.register({ ...u, password: DEMO_PASSWORD }, meta)).user.id;
  }
  const alice = ids.alice as string;
  const bob = ids.bob as string;
  const carol = ids.carol as string;
  if (!(await services.contacts.areContacts(alice, bob))) {
    const { request } = await services.contacts.sendRequest(alice, bob, "Hi Bob, it's Alice!");
    await services.contacts.accept(bob, request.id);
  }
  await services.contacts.sendRequest(carol, alice, "We met at the conference.");
  await services.system.set(MARK, "done");
  return true;
}

const WALLET_MARK = "demo_seed_wallets";
/** What each demo account starts with, in minor units (100.00 in the deployment currency). */
export const DEMO_BALANCE = 10_000;

/**
 * Demo accounts start with money to send, topped up from the sandbox provider. The top-up's
 * Idempotency-Key makes a start killed halfway credit each account once.
 */
async function seedWallets(services: Services) {
  if ((await services.system.get(MARK)) !== "done") return;
  if ((await services.system.get(WALLET_MARK)) === "done") return;
  for (const u of DEMO_USERS) {
    const found = (await services.identity.search(u.handle, [], 1)).find((x) => x.handle === u.handle);
    if (!found) continue;
    const amount = { amount: DEMO_BALANCE, currency: services.wallet.currency };
    await services.wallet.topUp(found.id, amount, "demo-seed-topup");
  }
  await services.system.set(WALLET_MARK, "done");
}

const MOMENTS_MARK = "demo_seed_moments";

/**
 * A few moments to look at: alice posts a photo, bob a thought; bob likes and comments on
 * alice's and she answers. Each step looks first, so a start killed halfway adds nothing twice.
 */
async function seedMoments(services: Services) {
  if ((await services.system.get(MARK)) !== "done") return;
  if ((await services.system.get(MOMENTS_MARK)) === "done") return;
  const find = async (handle: string) =>
    (await services.identity.search(handle, [], 1)).find((x) => x.handle === handle)?.id;
  const alice = await find("alice");
  const bob = await find("bob");
  if (!alice || !bob) return;
  const { moments } = services;
  const latest = async (userId: string) =>
    (await moments.userMoments(userId, userId, undefined, 1)).items[0]?.id;

  let aliceMoment = await latest(alice);
  if (!aliceMoment) {
    const photo = await sharp({
      create: { width: 960, height: 720, channels: 3, background: { r: 236, g: 150, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    const media = await services.media.upload(alice, photo, "market.jpg");
    aliceMoment = (
      await moments.create(alice, {
        text: "Sunday market: the first apricots of the year!",
        mediaIds: [media.id],
        visibility: { mode: "contacts" },
      })
    ).id;
  }
  if (!(await latest(bob))) {
    await moments.create(bob, {
      text: "Three days into learning the cello. My neighbours are very patient.",
      visibility: { mode: "contacts" },
    });
  }
  await moments.like(bob, aliceMoment);
  const { comments } = await moments.get(alice, aliceMoment);
  if (comments.length === 0) {
    await moments.comment(bob, aliceMoment, "Save me some for Tuesday?", undefined);
  }
  if (comments.length < 2) await moments.comment(alice, aliceMoment, "Deal!", bob);
  await services.system.set(MOMENTS_MARK, "done");
}
