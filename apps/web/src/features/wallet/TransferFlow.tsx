import type { User } from "@agora/protocol/identity";
import { MAX_NOTE, type Money, type Transfer } from "@agora/protocol/wallet";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useMe } from "../auth/me-context.ts";
import { AmountField, amountProblem } from "./AmountField.tsx";
import { formatMoney, parseAmount } from "./money.ts";
import { pinSetupPath } from "./PinSetupScreen.tsx";
import { PinSheet } from "./PinSheet.tsx";
import styles from "./Wallet.module.css";
import { SuccessIcon } from "./wallet-icons.tsx";
import { useTransfer, useWallet } from "./wallet-queries.ts";

export interface TransferFlowProps {
  /** Who is paid. */
  payee: User;
  /** A fixed amount (a scanned "pay me €5" code): shown, not editable. */
  fixedAmount?: Money | undefined;
  /** Pay inside this chat: the transfer card appears there. */
  conversationId?: string | undefined;
  /** Called with the completed transfer when the person taps Done. */
  onDone: (transfer: Transfer) => void;
}

/**
 * Paying one person: who (avatar and name), how much, an optional note, then the PIN sheet that
 * repeats amount and recipient. The idempotency key lives with the attempt (useTransfer), so a
 * double tap or a retry after a dropped connection pays once. Used by the Transfer screen and,
 * in a sheet, by PaySheet (for a scanned code).
 */
export function TransferFlow({ payee, fixedAmount, conversationId, onDone }: TransferFlowProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const location = useLocation();
  const wallet = useWallet();
  const transfer = useTransfer();
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Transfer | null>(null);

  if (payee.id === me.id) return <EmptyState title={t("wallet.errors.selfTransfer")} />;
  if (wallet.isPending) return <LoadingState />;
  if (wallet.isError) return <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />;

  const { balance, hasPin, pinLockedUntil } = wallet.data;
  const currency = balance.currency;
  const parsed = fixedAmount
    ? ({ ok: true, amount: fixedAmount.amount } as const)
    : parseAmount(text, currency, lng);
  const problem = amountProblem(t, parsed, {
    max: balance.amount,
    maxText: formatMoney(balance, lng),
  });
  const amount = parsed.ok ? { amount: parsed.amount, currency } : null;
  const shown = amount ? formatMoney(amount, lng) : "";

  if (done) {
    return (
      <div className={styles.result}>
        <SuccessIcon className={styles.resultIconOk} />
        <h2 className={styles.resultTitle}>{t("wallet.transfer.sent")}</h2>
        <p className={styles.resultAmount}>{formatMoney(done.amount, lng)}</p>
        <p className={styles.resultLine}>{t("wallet.transfer.toName", { name: payee.displayName })}</p>
        {done.note && <p className={styles.resultNote}>“{done.note}”</p>}
        <div className={styles.resultActions}>
          <Button block size="lg" onClick={() => onDone(done)}>
            {t("wallet.done")}
          </Button>
          <Link to={paths.walletTransfer(done.id)} className={styles.inlineLink}>
            {t("wallet.transfer.viewReceipt")}
          </Link>
        </div>
      </div>
    );
  }

  const next = () => {
    setTried(true);
    if (problem || !amount) return;
    transfer.reset();
    setConfirming(true);
  };

  // While typing, say at once what can't work (three decimals, more than the balance); "0" is just a start.
  const typingProblem = text.trim() !== "" && !(parsed.ok === false && parsed.reason === "tooSmall");
  return (
    <>
      <form
        className={styles.flow}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <section className={styles.payee} aria-label={t("wallet.transfer.recipient")}>
          <Avatar user={payee} size="lg" />
          <div className={styles.payeeText}>
            <h2 className={styles.payeeName}>{t("wallet.transfer.toName", { name: payee.displayName })}</h2>
            <span className={styles.payeeHandle}>@{payee.handle}</span>
          </div>
        </section>

        <div className={styles.panel}>
          {fixedAmount ? (
            <div className={styles.fixedAmount}>
              <span className={styles.amountLabel}>{t("wallet.amount.label")}</span>
              <span className={styles.fixedValue}>{formatMoney(fixedAmount, lng)}</span>
            </div>
          ) : (
            <AmountField
              label={t("wallet.amount.label")}
              value={text}
              onChange={setText}
              currency={currency}
              autoFocus
              error={tried || typingProblem ? (problem ?? undefined) : undefined}
              hint={t("wallet.amount.balance", { balance: formatMoney(balance, lng) })}
            />
          )}
          <TextField
            label={t("wallet.transfer.note")}
            placeholder={t("wallet.transfer.notePlaceholder")}
            value={note}
            maxLength={MAX_NOTE}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>

        {!hasPin && (
          <div className={styles.notice}>
            <Alert tone="info">
              {t("wallet.pin.needed")}{" "}
              <Link to={pinSetupPath(location.pathname + location.search)} className={styles.inlineLink}>
                {t("wallet.pin.setNow")}
              </Link>
            </Alert>
          </div>
        )}
        {tried && fixedAmount && problem && (
          <div className={styles.notice}>
            <Alert tone="error">{problem}</Alert>
          </div>
        )}

        <div className={styles.footer}>
          <Button type="submit" block size="lg" disabled={!hasPin || transfer.isPending}>
            {t("wallet.transfer.action")}
          </Button>
        </div>
      </form>

      <PinSheet
        open={confirming}
        purpose={t("wallet.transfer.toName", { name: payee.displayName })}
        amount={shown}
        details={note.trim() ? <span>“{note.trim()}”</span> : undefined}
        busy={transfer.isPending}
        busyLabel={t("wallet.transfer.paying")}
        error={transfer.error}
        lockedUntil={pinLockedUntil}
        onClose={() => setConfirming(false)}
        onSubmit={(pin) => {
          if (!amount) return;
          transfer.mutate(
            { toUserId: payee.id, amount, note: note.trim() || undefined, pin, conversationId },
            {
              onSuccess: (result) => {
                setConfirming(false);
                setDone(result);
              },
            },
          );
        }}
      />
    </>
  );
}
