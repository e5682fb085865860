/** Dates and durations of chats, in the reader's language and time zone. */

export type DayKind = "today" | "yesterday" | "thisWeek" | "older";

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** How far back a date is, in calendar days of the local time zone. */
export function dayKind(date: Date, now: Date): DayKind {
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return "thisWeek";
  return "older";
}

/** Whether two dates fall on the same local day (where a day separator goes). */
export function sameDay(a: Date, b: Date): boolean {
  return startOfDay(a) === startOfDay(b);
}

export function clockTime(date: Date, lng: string): string {
  return new Intl.DateTimeFormat(lng, { timeStyle: "short" }).format(date);
}

/** A day separator's date when it is neither today nor yesterday: "Monday 5 January", with the year if not this one. */
export function longDate(date: Date, now: Date, lng: string): string {
  return new Intl.DateTimeFormat(lng, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
  }).format(date);
}

/** The conversation list's time: the clock today, the weekday this week, a short date before. */
export function listDate(date: Date, now: Date, lng: string): string {
  switch (dayKind(date, now)) {
    case "today":
      return clockTime(date, lng);
    case "thisWeek":
      return new Intl.DateTimeFormat(lng, { weekday: "short" }).format(date);
    default:
      return new Intl.DateTimeFormat(lng, {
        day: "numeric",
        month: "short",
        year: date.getFullYear() === now.getFullYear() ? undefined : "2-digit",
      }).format(date);
  }
}

/** "0:07", "1:05", "12:00": a voice message's length. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

/** "812 B", "14 kB", "2.4 MB". */
export function formatSize(bytes: number, lng: string): string {
  const units = [
    ["byte", 1],
    ["kilobyte", 1e3],
    ["megabyte", 1e6],
    ["gigabyte", 1e9],
  ] as const;
  let chosen: (typeof units)[number] = units[0];
  for (const unit of units) if (bytes >= unit[1]) chosen = unit;
  const value = bytes / chosen[1];
  return new Intl.NumberFormat(lng, {
    style: "unit",
    unit: chosen[0],
    unitDisplay: "short",
    maximumFractionDigits: value < 10 && chosen[1] > 1 ? 1 : 0,
  }).format(value);
}
