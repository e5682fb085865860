import type { TFunction } from "i18next";
import { isApiError, NETWORK_ERROR } from "../api/client.ts";

/** A sentence for the user about a failed call; screens handle the codes they expect first. */
export function describeError(t: TFunction, err: unknown): string {
  if (isApiError(err, NETWORK_ERROR)) return t("common.networkError");
  if (isApiError(err, "rate_limited")) return t("common.rateLimited");
  return t("common.genericError");
}
