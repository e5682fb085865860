import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { PinInput } from "./PinInput.tsx";
import { Sheet } from "./Sheet.tsx";
import styles from "./Wallet.module.css";
import { describeWalletError, lockedUntilOf, unlockTime } from "./wallet-errors.ts";

export interface PinSheetProps {
  open: boolean;
  /** What is being paid, shown above the PIN ("Transfer to Ben Okoro"). */
  purpose: string;
  /** The amount, formatted. */
  amount: string;
  /** More about it: a note, a fee line, the red packet's split. */
  details?: ReactNode;
  busy: boolean;
  /** What the busy state says ("Paying…"). */
  busyLabel: string;
  /** The last refusal (a new object each time), shown under the PIN; the PIN is cleared for another try. */
  error: unknown;
  /** When the wallet says payments are locked already (GET /wallet `pinLockedUntil`). */
  lockedUntil?: string | null | undefined;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}

/**
 * The last step of every payment: what is paid, to whom, how much, and the PIN that confirms it.
 * The sixth digit sends it. A wrong PIN clears the boxes and says how many tries are left; a
 * lock says when it ends; not enough money offers a top-up.
 */
export function PinSheet(props: PinSheetProps) {
  const { open, purpose, amount, details, busy, busyLabel, error, onSubmit, onClose } = props;
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState("");
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (error) setPin("");
  }, [error]);
  useEffect(() => {
    if (!open) setPin("");
  }, [open]);
  // The field is disabled while paying; after a refusal it takes the next try at once.
  useEffect(() => {
    if (open && !busy) input.current?.focus();
  }, [open, busy]);

  const lockEnd =
    lockedUntilOf(error) ??
    (props.lockedUntil && new Date(props.lockedUntil) > new Date() ? new Date(props.lockedUntil) : null);
  const pinError = isApiError(error, "wrong_pin") ? describeWalletError(t, error, i18n.language) : undefined;
  const otherError = error && !pinError && !lockEnd ? describeWalletError(t, error, i18n.language) : null;

  return (
    <Sheet open={open} title={t("wallet.pinSheet.title")} onClose={onClose} busy={busy}>
      <div className={styles.confirm}>
        <p className={styles.confirmPurpose}>{purpose}</p>
        <p className={styles.confirmAmount}>{amount}</p>
        {details && <div className={styles.confirmDetails}>{details}</div>}
      </div>
      {lockEnd ? (
        <Alert tone="error">
          {t("wallet.errors.pinLockedUntil", { time: unlockTime(lockEnd, i18n.language) })}
        </Alert>
      ) : (
        <form
          className={styles.pinForm}
          onSubmit={(e) => {
            e.preventDefault();
            if (pin.length === 6 && !busy) onSubmit(pin);
          }}
        >
          <PinInput
            ref={input}
            value={pin}
            onChange={setPin}
            onComplete={(value) => {
              if (!busy) onSubmit(value);
            }}
            label={t("wallet.pinSheet.label")}
            hint={busy ? undefined : t("wallet.pinSheet.hint")}
            error={pinError}
            disabled={busy}
            autoFocus
          />
          {busy && (
            <p className={styles.progress} role="status">
              <span className={styles.spinner} aria-hidden="true" />
              {busyLabel}
            </p>
          )}
        </form>
      )}
      {otherError && (
        <div className={styles.sheetError}>
          <Alert tone="error">{otherError}</Alert>
          {isApiError(error, "insufficient_funds") && (
            <Link to={paths.walletTopUp} className={styles.inlineLink}>
              {t("wallet.topUp.action")}
            </Link>
          )}
        </div>
      )}
      <p className={styles.secureNote}>{t("wallet.pinSheet.secure")}</p>
    </Sheet>
  );
}
