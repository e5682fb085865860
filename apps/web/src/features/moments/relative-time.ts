import type { TFunction } from "i18next";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * When a moment or comment was posted, as WeChat says it: "Just now", "5 min", "2 h",
 * "Yesterday", then the date ("12 Nov", with the year when it isn't this one).
 */
export function momentTime(date: Date, now: Date, t: TFunction, lng: string): string {
  const ago = now.getTime() - date.getTime();
  if (ago < MINUTE) return t("moments.time.justNow");
  if (ago < HOUR) return t("moments.time.minutes", { count: Math.floor(ago / MINUTE) });
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days <= 0) return t("moments.time.hours", { count: Math.floor(ago / HOUR) });
  if (days === 1) return t("moments.time.yesterday");
  return new Intl.DateTimeFormat(lng, {
    day: "numeric",
    month: "short",
    year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
  }).format(date);
}
