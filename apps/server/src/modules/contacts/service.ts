import type { ContactRequest } from "@agora/protocol/contacts";
import type { User } from "@agora/protocol/identity";
import type { Selectable } from "kysely";
import { decodeCursor, encodeCursor } from "../../platform/cursor.ts";
import type { Db } from "../../platform/db.ts";
import { BadRequest, Conflict, Forbidden, NotFound } from "../../platform/errors.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { EventsService } from "../events/service.ts";
import type { IdentityService } from "../identity/service.ts";
import { ContactsRepo } from "./repo.ts";
import type { ContactRequestsTable } from "./schema.ts";

type RequestRow = Selectable<ContactRequestsTable>;

/**
 * Who is connected to whom: requests, contacts and blocks. People's views are read before a
 * transaction opens, never inside one: embedded PGlite has a single connection.
 */
export class ContactsService {
  readonly #repo: ContactsRepo;

  constructor(
    private readonly db: Db,
    private readonly identity: IdentityService,
    private readonly events: EventsService,
  ) {
    this.#repo = new ContactsRepo(db);
  }

  /** Asks `toId` to become a contact. `created` is false when the same request was already pending. */
  async sendRequest(meId: string, toId: string, message: string | undefined) {
    if (toId === meId) throw new BadRequest("cannot_add_self", "You can't add yourself as a contact.");
    const users = await this.#users([meId, toId]);
    if (!users.has(toId)) throw new NotFound("user", "user_not_found");
    const { row, created } = await this.events.transaction(async (tx, emit) => {
      const repo = new ContactsRepo(tx);
      if (await repo.blockedEitherWay(meId, toId)) {
        throw new Forbidden("blocked", "You can't send a contact request to this person.");
      }
      if (await repo.areContacts(meId, toId))
        throw new Conflict("already_contacts", "You are already contacts.");
      const inserted = await repo.insertRequest({
        id: newId(),
        from_user_id: meId,
        to_user_id: toId,
        message: message?.length ? message : null,
      });
      const row = inserted ?? (await repo.pendingBetween(meId, toId));
      if (!row) throw new Conflict("request_conflict", "Try again.");
      if (inserted) await emit([toId], "contact.request", { request: this.#view(inserted, toId, users) });
      return { row, created: inserted !== undefined };
    });
    return { request: this.#view(row, meId, users), created };
  }

  async pendingRequests(meId: string): Promise<ContactRequest[]> {
    const rows = await this.#repo.pendingFor(meId);
    const users = await this.#users(rows.flatMap((r) => [r.from_user_id, r.to_user_id]));
    return rows.flatMap((r) =>
      users.has(r.from_user_id) && users.has(r.to_user_id) ? [this.#view(r, meId, users)] : [],
    );
  }

  /** Accepting twice answers the same; a declined request can't be accepted later. */
  async accept(meId: string, requestId: string): Promise<ContactRequest> {
    const users = await this.#usersOfIncoming(meId, requestId);
    const row = await this.events.transaction(async (tx, emit) => {
      const repo = new ContactsRepo(tx);
      const req = await this.#incoming(repo, meId, requestId);
      if (req.status === "accepted") return req;
      if (req.status !== "pending")
        throw new Conflict("request_not_pending", "This request was already declined.");
      if (await repo.blockedEitherWay(req.from_user_id, meId)) {
        throw new NotFound("contact request", "request_not_found");
      }
      await repo.link(req.from_user_id, meId);
      // A request the other way is answered by this acceptance too.
      await repo.settlePendingBetween(req.from_user_id, meId, "accepted");
      await emit([req.from_user_id], "contact.accepted", { user: users.get(meId) as User });
      await emit([meId], "contact.accepted", { user: users.get(req.from_user_id) as User });
      return (await repo.requestForUpdate(req.id)) as RequestRow;
    });
    return this.#view(row, meId, users);
  }

  async decline(meId: string, requestId: string): Promise<ContactRequest> {
    const users = await this.#usersOfIncoming(meId, requestId);
    const row = await this.db.transaction().execute(async (tx) => {
      const repo = new ContactsRepo(tx);
      const req = await this.#incoming(repo, meId, requestId);
      if (req.status === "declined") return req;
      if (req.status !== "pending")
        throw new Conflict("request_not_pending", "This request was already accepted.");
      return repo.setStatus(req.id, "declined");
    });
    return this.#view(row, meId, users);
  }

  async contacts(meId: string, cursor: string | undefined, limit: number) {
    const after = decodeCursor(cursor, 2) as [string, string] | null;
    const rows = await this.#repo.contactPage(meId, after, limit + 1);
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      items: await this.identity.getUsers(pageRows.map((r) => r.id)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sort_name, last.id]) : null,
    };
  }

  async remove(meId: string, otherId: string) {
    if (!isId(otherId)) throw new NotFound("contact", "contact_not_found");
    await this.events.transaction(async (tx, emit) => {
      if (!(await new ContactsRepo(tx).unlink(meId, otherId)))
        throw new NotFound("contact", "contact_not_found");
      await emit([meId], "contact.removed", { userId: otherId });
      await emit([otherId], "contact.removed", { userId: meId });
    });
  }

  /** Blocking also ends the contact and any pending request between the two. */
  async block(meId: string, otherId: string) {
    if (otherId === meId) throw new BadRequest("cannot_block_self", "You can't block yourself.");
    if (!(await this.identity.exists(otherId))) throw new NotFound("user", "user_not_found");
    await this.events.transaction(async (tx, emit) => {
      const repo = new ContactsRepo(tx);
      await repo.block(meId, otherId);
      if (await repo.unlink(meId, otherId)) {
        await emit([meId], "contact.removed", { userId: otherId });
        await emit([otherId], "contact.removed", { userId: meId });
      }
      await repo.settlePendingBetween(meId, otherId, "declined");
    });
  }

  async unblock(meId: string, otherId: string) {
    if (!isId(otherId) || !(await this.#repo.unblock(meId, otherId))) {
      throw new NotFound("block", "block_not_found");
    }
  }

  async blocked(meId: string): Promise<User[]> {
    const rows = await this.#repo.blockedBy(meId);
    return this.identity.getUsers(rows.map((r) => r.blocked_id));
  }

  areContacts(a: string, b: string): Promise<boolean> {
    return this.#repo.areContacts(a, b);
  }

  blockedEitherWay(a: string, b: string): Promise<boolean> {
    return this.#repo.blockedEitherWay(a, b);
  }

  async contactIds(meId: string): Promise<string[]> {
    return (await this.#repo.contactIds(meId)).map((r) => r.contact_id);
  }

  /** People search, leaving out me and whoever blocked me. */
  async searchPeople(meId: string, q: string, limit: number): Promise<User[]> {
    const blockers = await this.#repo.blockersOf(meId);
    return this.identity.search(q, [meId, ...blockers.map((b) => b.blocker_id)], limit);
  }

  /** A person's profile: someone who blocked me does not exist for me. */
  async person(meId: string, otherId: string): Promise<User> {
    if (isId(otherId) && otherId !== meId) {
      const blockers = await this.#repo.blockersOf(meId);
      if (blockers.some((b) => b.blocker_id === otherId)) throw new NotFound("user", "user_not_found");
    }
    return this.identity.getUser(otherId);
  }

  /** Requests addressed to me, by id; others' requests are 404, whether they exist or not. */
  async #incoming(repo: ContactsRepo, meId: string, requestId: string): Promise<RequestRow> {
    const req = isId(requestId) ? await repo.requestForUpdate(requestId) : undefined;
    if (!req || req.to_user_id !== meId) throw new NotFound("contact request", "request_not_found");
    return req;
  }

  async #usersOfIncoming(meId: string, requestId: string): Promise<Map<string, User>> {
    const req = isId(requestId) ? await this.#repo.requestById(requestId) : undefined;
    if (!req || req.to_user_id !== meId) throw new NotFound("contact request", "request_not_found");
    return this.#users([req.from_user_id, req.to_user_id]);
  }

  async #users(ids: readonly string[]): Promise<Map<string, User>> {
    return new Map((await this.identity.getUsers([...new Set(ids)])).map((u) => [u.id, u]));
  }

  #view(r: RequestRow, viewerId: string, users: Map<string, User>): ContactRequest {
    return {
      id: r.id,
      from: r.from_user_id,
      to: r.to_user_id,
      status: r.status,
      message: r.message,
      direction: r.to_user_id === viewerId ? "incoming" : "outgoing",
      fromUser: users.get(r.from_user_id) as User,
      toUser: users.get(r.to_user_id) as User,
      createdAt: r.created_at.toISOString(),
    };
  }
}
