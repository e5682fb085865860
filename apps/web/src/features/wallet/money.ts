import { MAX_AMOUNT, MIN_AMOUNT, type Money } from "@agora/protocol/wallet";

/**
 * Money in the app is integer minor units end to end: typed text is parsed digit by digit into
 * an integer, and display hands Intl an exact decimal string. No float ever carries an amount.
 */

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits as number;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** An integer amount of minor units as an exact decimal string: 1250 → "12.50", -5 → "-0.05". */
export function toDecimalString(minor: number, digits: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(Math.trunc(minor)));
  if (digits === 0) return `${sign}${abs}`;
  const padded = abs.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

type Decimal = `${number}`;

/**
 * "€12.50" / "12,50 €", in the UI's language. `signed` adds + or − (never on zero); `whole`
 * leaves out ".00" on a round amount (quick-amount buttons).
 */
export function formatMoney(
  money: Money,
  lng: string,
  options: { signed?: boolean; whole?: boolean } = {},
): string {
  const digits = currencyDigits(money.currency);
  const round = options.whole && money.amount % 10 ** digits === 0;
  return new Intl.NumberFormat(lng, {
    style: "currency",
    currency: money.currency,
    minimumFractionDigits: round ? 0 : digits,
    maximumFractionDigits: digits,
    signDisplay: options.signed ? "exceptZero" : "auto",
  }).format(toDecimalString(money.amount, digits) as Decimal);
}

/** The currency's symbol as the language writes it ("€", "$US"…). */
export function currencySymbol(currency: string, lng: string): string {
  const parts = new Intl.NumberFormat(lng, { style: "currency", currency }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

/** Whether the language puts the symbol after the number ("12,50 €"). */
export function symbolAfter(currency: string, lng: string): boolean {
  const parts = new Intl.NumberFormat(lng, { style: "currency", currency }).formatToParts(1);
  return parts.findIndex((p) => p.type === "currency") > parts.findIndex((p) => p.type === "integer");
}

export type ParseResult =
  | { ok: true; amount: number }
  | { ok: false; reason: "empty" | "invalid" | "tooManyDecimals" | "tooSmall" | "tooLarge" };

/** The language's decimal and grouping separators (en: "." ","; fr: "," and a narrow space). */
function separators(lng: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(lng).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/**
 * Parses what someone typed into integer minor units, exactly. Accepts "12", "12.5", "12,50",
 * spaces anywhere, and the language's own grouping in proper groups of three ("1,234.50" in
 * English). Anything ambiguous is refused rather than guessed: "1,000" is 1000 in English and
 * an error in French (three decimals), never 1.00.
 */
export function parseAmount(input: string, currency: string, lng: string): ParseResult {
  const digits = currencyDigits(currency);
  const text = input.replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return { ok: false, reason: "empty" };
  const { decimal, group } = separators(lng);

  let whole: string;
  let fraction = "";
  const plain = /^(\d*)(?:[.,](\d*))?$/.exec(text);
  if (plain && (plain[1] !== "" || (plain[2] ?? "") !== "")) {
    whole = plain[1] ?? "";
    fraction = plain[2] ?? "";
    // "1,000" in English: a group separator before three digits, not a decimal one.
    const sep = text.charAt(whole.length);
    if (sep === group && sep !== decimal && fraction.length === 3 && whole.length <= 3 && whole !== "") {
      whole += fraction;
      fraction = "";
    }
  } else if (!/^\s$/.test(group) && group !== decimal) {
    const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const grouped = new RegExp(`^(\\d{1,3}(?:${esc(group)}\\d{3})+)(?:${esc(decimal)}(\\d*))?$`).exec(text);
    if (!grouped) return { ok: false, reason: "invalid" };
    whole = (grouped[1] ?? "").split(group).join("");
    fraction = grouped[2] ?? "";
  } else {
    return { ok: false, reason: "invalid" };
  }

  // Refused even when the extra digits are zeros: "1.000" may well mean a thousand.
  if (fraction.length > digits) return { ok: false, reason: "tooManyDecimals" };
  whole = whole.replace(/^0+(?=\d)/, "") || "0";
  // Past 13 integer digits the amount is over the limit anyway; stop before Number loses precision.
  if (whole.length > 13) return { ok: false, reason: "tooLarge" };
  const amount = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (amount < MIN_AMOUNT) return { ok: false, reason: "tooSmall" };
  if (amount > MAX_AMOUNT) return { ok: false, reason: "tooLarge" };
  return { ok: true, amount };
}

/** Minor units as someone would type them back into an amount field ("12.50" / "12,50"). */
export function toInputString(minor: number, currency: string, lng: string): string {
  const s = toDecimalString(minor, currencyDigits(currency));
  return separators(lng).decimal === "," ? s.replace(".", ",") : s;
}

/** A moment in a list: the time today, the date and time otherwise. */
export function formatWhen(iso: string, lng: string, now = new Date()): string {
  const date = new Date(iso);
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    lng,
    today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" },
  ).format(date);
}
