import type { TFunction } from "i18next";
import { isApiError } from "../../api/client.ts";
import { describeError } from "../../i18n/describe-error.ts";

/** When a PIN lock ends, from a 423's `lockedUntil` (or the wallet's `pinLockedUntil`). */
export function lockedUntilOf(err: unknown): Date | null {
  if (!isApiError(err, "pin_locked")) return null;
  const until = err.problem.lockedUntil;
  const date = typeof until === "string" ? new Date(until) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function triesLeftOf(err: unknown): number | null {
  if (!isApiError(err, "wrong_pin")) return null;
  const left = err.problem.triesLeft;
  return typeof left === "number" ? left : null;
}

/** "14:05", or a date and time when the lock ends on another day. */
export function unlockTime(date: Date, lng: string, now = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    lng,
    sameDay ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" },
  ).format(date);
}

/** A sentence for a refused money call: what happened and, where it helps, what to do. */
export function describeWalletError(t: TFunction, err: unknown, lng: string): string {
  if (!isApiError(err)) return describeError(t, err);
  switch (err.code) {
    case "insufficient_funds":
      return t("wallet.errors.insufficientFunds");
    case "wrong_pin": {
      const left = triesLeftOf(err);
      return left === null ? t("wallet.errors.wrongPin") : t("wallet.errors.wrongPinTries", { count: left });
    }
    case "pin_locked": {
      const until = lockedUntilOf(err);
      return until
        ? t("wallet.errors.pinLockedUntil", { time: unlockTime(until, lng) })
        : t("wallet.errors.pinLocked");
    }
    case "pin_not_set":
      return t("wallet.errors.pinNotSet");
    case "current_pin_required":
      return t("wallet.errors.currentPinRequired");
    case "self_transfer":
      return t("wallet.errors.selfTransfer");
    case "currency_mismatch":
      return t("wallet.errors.currencyMismatch");
    case "idempotency_conflict":
      return t("wallet.errors.idempotencyConflict");
    case "idempotency_in_progress":
      return t("wallet.errors.inProgress");
    case "validation_failed":
      return t("wallet.errors.invalid");
    case "not_contacts":
    case "not_member":
      return t("wallet.errors.notAllowed");
    case "already_claimed":
      return t("wallet.redPacket.alreadyClaimed");
    default:
      if (err.status === 404) return t("wallet.errors.notFound");
      if (err.status === 0 || err.status >= 500) return t("wallet.errors.uncertain");
      return describeError(t, err);
  }
}
