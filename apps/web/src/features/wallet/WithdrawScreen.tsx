import type { Funding } from "@agora/protocol/wallet";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { AmountField, amountProblem } from "./AmountField.tsx";
import { formatMoney, parseAmount, toInputString } from "./money.ts";
import { pinSetupPath } from "./PinSetupScreen.tsx";
import { PinSheet } from "./PinSheet.tsx";
import styles from "./Wallet.module.css";
import { CardIcon, PendingIcon, SuccessIcon } from "./wallet-icons.tsx";
import { useFunding, useWallet, useWithdraw } from "./wallet-queries.ts";

/** Send money out to the funding provider: debited at once, settled by the provider later. */
export function WithdrawScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const wallet = useWallet();
  const withdraw = useWithdraw();
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Funding | null>(null);

  if (wallet.isPending || wallet.isError) {
    return (
      <Page title={t("wallet.withdraw.title")} back={paths.wallet}>
        {wallet.isPending ? (
          <LoadingState />
        ) : (
          <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />
        )}
      </Page>
    );
  }
  if (done) {
    return (
      <Page title={t("wallet.withdraw.title")} back={paths.wallet}>
        <WithdrawalStatus funding={done} />
      </Page>
    );
  }

  const { balance, hasPin, pinLockedUntil } = wallet.data;
  const currency = balance.currency;
  const parsed = parseAmount(text, currency, lng);
  const problem = amountProblem(t, parsed, { max: balance.amount, maxText: formatMoney(balance, lng) });
  const amount = parsed.ok ? { amount: parsed.amount, currency } : null;
  const showError = tried || (text.trim() !== "" && !(parsed.ok === false && parsed.reason === "tooSmall"));

  return (
    <Page title={t("wallet.withdraw.title")} back={paths.wallet}>
      <form
        className={styles.flow}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!problem) {
            withdraw.reset();
            setConfirming(true);
          }
        }}
      >
        <div className={styles.notice}>
          <Alert tone="info">{t("wallet.sandbox.withdraw")}</Alert>
        </div>
        <div className={styles.panel}>
          <div className={styles.source}>
            <span className={styles.sourceIcon}>
              <CardIcon />
            </span>
            <span className={styles.sourceText}>
              <span className={styles.sourceLabel}>{t("wallet.withdraw.to")}</span>
              <span className={styles.sourceName}>{t("wallet.sandbox.bank")}</span>
            </span>
          </div>
          <AmountField
            label={t("wallet.amount.label")}
            value={text}
            onChange={setText}
            currency={currency}
            autoFocus
            error={showError ? (problem ?? undefined) : undefined}
            hint={
              <>
                {t("wallet.withdraw.available", { balance: formatMoney(balance, lng) })}{" "}
                {balance.amount > 0 && (
                  <button
                    type="button"
                    className={styles.linkButton}
                    onClick={() => setText(toInputString(balance.amount, currency, lng))}
                  >
                    {t("wallet.withdraw.all")}
                  </button>
                )}
              </>
            }
          />
        </div>
        {!hasPin && (
          <div className={styles.notice}>
            <Alert tone="info">
              {t("wallet.pin.needed")}{" "}
              <Link to={pinSetupPath(paths.walletWithdraw)} className={styles.inlineLink}>
                {t("wallet.pin.setNow")}
              </Link>
            </Alert>
          </div>
        )}
        <div className={styles.footer}>
          <Button type="submit" block size="lg" disabled={!hasPin || balance.amount === 0}>
            {t("wallet.withdraw.action")}
          </Button>
        </div>
      </form>
      <PinSheet
        open={confirming}
        purpose={t("wallet.withdraw.purpose")}
        amount={amount ? formatMoney(amount, lng) : ""}
        busy={withdraw.isPending}
        busyLabel={t("wallet.withdraw.progress")}
        error={withdraw.error}
        lockedUntil={pinLockedUntil}
        onClose={() => setConfirming(false)}
        onSubmit={(pin) => {
          if (!amount) return;
          withdraw.mutate(
            { amount, pin },
            {
              onSuccess: (funding) => {
                setConfirming(false);
                setDone(funding);
              },
            },
          );
        }}
      />
    </Page>
  );
}

/** A withdrawal after it was accepted: on its way until the provider settles it. */
function WithdrawalStatus({ funding }: { funding: Funding }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const live = useFunding(funding.id, funding);
  const current = live.data ?? funding;
  const lng = i18n.language;
  return (
    <div className={styles.result}>
      {current.status === "pending" ? (
        <PendingIcon className={styles.resultIconPending} />
      ) : (
        <SuccessIcon
          className={current.status === "failed" ? styles.resultIconFailed : styles.resultIconOk}
        />
      )}
      <h2 className={styles.resultTitle} aria-live="polite">
        {current.status === "pending"
          ? t("wallet.withdraw.pending")
          : current.status === "completed"
            ? t("wallet.withdraw.completed")
            : t("wallet.withdraw.failed")}
      </h2>
      <p className={styles.resultAmount}>{formatMoney(current.amount, lng)}</p>
      <p className={styles.resultLine}>
        {current.status === "failed" ? t("wallet.withdraw.failedBody") : t("wallet.withdraw.toBank")}
      </p>
      <div className={styles.resultActions}>
        <Button block size="lg" onClick={() => navigate(paths.wallet)}>
          {t("wallet.done")}
        </Button>
      </div>
    </div>
  );
}
