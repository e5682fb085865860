import path from "node:path";
import { mediaRoutes } from "@agora/protocol/media";
import { type Moment, type MomentVisibility, momentsRoutes } from "@agora/protocol/moments";
import { API_PREFIX } from "@agora/protocol/routes";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** Where this spec's screenshots go (for reviewing the design); MOMENTS_SHOTS overrides. */
const SHOTS = process.env.MOMENTS_SHOTS ?? "/tmp/shots-moments";

/** Moments: the feed, composing, a moment's card, the photo viewer and notifications. */
export class MomentsPages {
  constructor(readonly page: Page) {}

  async snap(name: string) {
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: "disabled" });
  }

  async openFromDiscover() {
    await this.page.goto("/discover");
    await this.page.getByRole("link", { name: /^Moments/ }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Moments" })).toBeAttached();
  }

  feed() {
    return this.page.getByRole("region", { name: "Moments" });
  }

  /** The card of a moment, found by text it contains. */
  card(text: string | RegExp) {
    return this.page.getByRole("article").filter({ hasText: text });
  }

  async openCompose() {
    await this.page.getByRole("link", { name: "Post a moment" }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New moment" })).toBeVisible();
  }

  textField() {
    return this.page.getByRole("textbox", { name: "What’s on your mind?" });
  }

  async addPhotos(files: { name: string; buffer: Buffer }[]) {
    await this.page
      .getByLabel("Add photos")
      .last()
      .setInputFiles(files.map((f) => ({ ...f, mimeType: "image/png" })));
  }

  photo(index: number, count: number) {
    return this.page.getByRole("img", { name: `Photo ${index} of ${count}` });
  }

  postButton() {
    return this.page.getByRole("button", { name: "Post", exact: true });
  }

  async chooseVisibility(
    option: "All contacts" | "Only share with…" | "Don’t share with…" | "Private",
    people: string[] = [],
  ) {
    await this.page.getByRole("button", { name: /^Who can see/ }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Who can see" })).toBeVisible();
    await this.page.getByRole("radio", { name: new RegExp(`^${option}`) }).check();
    for (const name of people) await this.page.getByRole("checkbox", { name }).check();
    if (people.length > 0) await this.snap("en-visibility");
    await this.page.getByRole("button", { name: "Done" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New moment" })).toBeVisible();
  }

  async post() {
    await expect(this.postButton()).toBeEnabled();
    await this.postButton().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Moments" })).toBeAttached();
  }

  async like(card: ReturnType<MomentsPages["card"]>) {
    await card.getByRole("button", { name: "Like or comment" }).click();
    await card.getByRole("button", { name: "Like", exact: true }).click();
  }

  commentField(name = "Comment") {
    return this.page.getByRole("textbox", { name });
  }

  async comment(card: ReturnType<MomentsPages["card"]>, text: string) {
    await card.getByRole("button", { name: "Like or comment" }).click();
    await card.getByRole("button", { name: "Comment", exact: true }).click();
    await this.commentField().fill(text);
    await this.commentField().press("Enter");
    await expect(this.commentField()).toBeHidden();
  }

  /** The bar's notifications link, whose name says how many are new. */
  notificationsLink() {
    return this.page.getByRole("link", { name: /^Notifications/ });
  }
}

/** Posts a moment through the API as the person of this request client (photos uploaded first). */
export async function postMomentVia(
  request: APIRequestContext,
  body: { text?: string; photos?: Buffer[]; visibility?: MomentVisibility },
): Promise<Moment> {
  const mediaIds: string[] = [];
  for (const [i, buffer] of (body.photos ?? []).entries()) {
    const uploaded = await request.post(API_PREFIX + mediaRoutes.upload.path, {
      multipart: { file: { name: `photo-${i}.png`, mimeType: "image/png", buffer } },
    });
    expect(uploaded.status()).toBe(201);
    mediaIds.push(((await uploaded.json()) as { id: string }).id);
  }
  const response = await request.post(API_PREFIX + momentsRoutes.create.path, {
    data: {
      ...(body.text ? { text: body.text } : {}),
      ...(mediaIds.length > 0 ? { mediaIds } : {}),
      visibility: body.visibility ?? { mode: "contacts" },
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Moment;
}
