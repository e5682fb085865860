import type { TFunction } from "i18next";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { currencySymbol, type ParseResult, parseAmount, symbolAfter, toInputString } from "./money.ts";
import styles from "./Wallet.module.css";

export interface AmountFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  currency: string;
  /** Shown under the field when there is no error (the balance). */
  hint?: ReactNode;
  /** Shown once the person left the field or tried to go on. */
  error?: string | undefined;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** A large amount entry with the currency's symbol where the language puts it; decimal keyboard. */
export function AmountField({
  label,
  value,
  onChange,
  currency,
  hint,
  error,
  autoFocus,
  disabled,
}: AmountFieldProps) {
  const { i18n } = useTranslation();
  const id = useId();
  const noteId = `${id}-note`;
  const symbol = <span className={styles.amountSymbol}>{currencySymbol(currency, i18n.language)}</span>;
  const after = symbolAfter(currency, i18n.language);
  return (
    <div className={styles.amountField}>
      <label htmlFor={id} className={styles.amountLabel}>
        {label}
      </label>
      <div className={`${styles.amountControl} ${error ? styles.amountInvalid : ""}`}>
        {!after && symbol}
        <input
          id={id}
          className={styles.amountInput}
          inputMode="decimal"
          autoComplete="off"
          placeholder="0"
          value={value}
          disabled={disabled}
          // biome-ignore lint/a11y/noAutofocus: the amount is what this screen asks for.
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? noteId : undefined}
          onChange={(e) => onChange(e.target.value.replace(/[^\d.,\s\u00a0\u202f]/g, "").slice(0, 20))}
          onBlur={() => {
            // "12,5" becomes "12.50" (in English): what will be paid, written the usual way.
            const parsed = parseAmount(value, currency, i18n.language);
            if (parsed.ok) onChange(toInputString(parsed.amount, currency, i18n.language));
          }}
        />
        {after && symbol}
      </div>
      {error ? (
        <p id={noteId} className={styles.amountError}>
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className={styles.amountHint}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** What to tell someone about an amount they typed, or null when it is fine to go on. */
export function amountProblem(
  t: TFunction,
  parsed: ParseResult,
  limits: { max?: number | undefined; maxText?: string | undefined } = {},
): string | null {
  if (!parsed.ok) {
    switch (parsed.reason) {
      case "empty":
        return t("wallet.amount.empty");
      case "tooManyDecimals":
        return t("wallet.amount.tooManyDecimals");
      case "tooSmall":
        return t("wallet.amount.tooSmall");
      case "tooLarge":
        return t("wallet.amount.tooLarge");
      default:
        return t("wallet.amount.invalid");
    }
  }
  if (limits.max !== undefined && parsed.amount > limits.max) {
    return t("wallet.amount.overBalance", { balance: limits.maxText ?? "" });
  }
  return null;
}

export { parseAmount };
