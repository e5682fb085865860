import type { Funding } from "@agora/protocol/wallet";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog, DialogActions } from "../../ui/Dialog.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { AmountField, amountProblem } from "./AmountField.tsx";
import { currencyDigits, formatMoney, parseAmount, toInputString } from "./money.ts";
import styles from "./Wallet.module.css";
import { describeWalletError } from "./wallet-errors.ts";
import { CardIcon, SuccessIcon } from "./wallet-icons.tsx";
import { useTopUp, useWallet } from "./wallet-queries.ts";

/** Quick amounts, in whole units of the currency. */
const PRESETS = [10, 20, 50, 100];

/** Add money from the funding provider (the sandbox one unless a real provider is configured). */
export function TopUpScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const wallet = useWallet();
  const topUp = useTopUp();
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Funding | null>(null);

  if (wallet.isPending || wallet.isError) {
    return (
      <Page title={t("wallet.topUp.title")} back={paths.wallet}>
        {wallet.isPending ? (
          <LoadingState />
        ) : (
          <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />
        )}
      </Page>
    );
  }

  const currency = wallet.data.balance.currency;
  const parsed = parseAmount(text, currency, lng);
  const problem = amountProblem(t, parsed);
  const amount = parsed.ok ? { amount: parsed.amount, currency } : null;

  if (done) {
    return (
      <Page title={t("wallet.topUp.title")} back={paths.wallet}>
        <div className={styles.result}>
          <SuccessIcon className={styles.resultIconOk} />
          <h2 className={styles.resultTitle}>{t("wallet.topUp.done")}</h2>
          <p className={styles.resultAmount}>{formatMoney(done.amount, lng)}</p>
          <p className={styles.resultLine}>
            {t("wallet.topUp.newBalance", { balance: formatMoney(done.balance, lng) })}
          </p>
          <div className={styles.resultActions}>
            <Button block size="lg" onClick={() => navigate(paths.wallet)}>
              {t("wallet.done")}
            </Button>
          </div>
        </div>
      </Page>
    );
  }

  const unit = 10 ** currencyDigits(currency);
  return (
    <Page title={t("wallet.topUp.title")} back={paths.wallet}>
      <form
        className={styles.flow}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!problem) {
            topUp.reset();
            setConfirming(true);
          }
        }}
      >
        <div className={styles.notice}>
          <Alert tone="info">{t("wallet.sandbox.topUp")}</Alert>
        </div>
        <div className={styles.panel}>
          <div className={styles.source}>
            <span className={styles.sourceIcon}>
              <CardIcon />
            </span>
            <span className={styles.sourceText}>
              <span className={styles.sourceLabel}>{t("wallet.topUp.from")}</span>
              <span className={styles.sourceName}>{t("wallet.sandbox.bank")}</span>
            </span>
          </div>
          <AmountField
            label={t("wallet.amount.label")}
            value={text}
            onChange={setText}
            currency={currency}
            autoFocus
            error={
              tried || (text.trim() !== "" && !parsed.ok && parsed.reason !== "tooSmall")
                ? (problem ?? undefined)
                : undefined
            }
            hint={t("wallet.amount.balance", { balance: formatMoney(wallet.data.balance, lng) })}
          />
          <fieldset className={styles.presets}>
            <legend className="visually-hidden">{t("wallet.topUp.presets")}</legend>
            {PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                className={`${styles.preset} ${parsed.ok && parsed.amount === p * unit ? styles.presetOn : ""}`}
                aria-pressed={parsed.ok && parsed.amount === p * unit}
                onClick={() => setText(toInputString(p * unit, currency, lng))}
              >
                {formatMoney({ amount: p * unit, currency }, lng, { whole: true })}
              </button>
            ))}
          </fieldset>
        </div>
        <div className={styles.footer}>
          <Button type="submit" block size="lg">
            {t("wallet.topUp.action")}
          </Button>
        </div>
      </form>

      <Dialog
        open={confirming}
        title={t("wallet.topUp.confirmTitle", { amount: amount ? formatMoney(amount, lng) : "" })}
        description={t("wallet.topUp.confirmBody")}
        onClose={() => {
          if (!topUp.isPending) setConfirming(false);
        }}
      >
        {topUp.isError && <Alert tone="error">{describeWalletError(t, topUp.error, lng)}</Alert>}
        {topUp.isPending && (
          <p className={styles.progress} role="status">
            <span className={styles.spinner} aria-hidden="true" />
            {t("wallet.topUp.progress")}
          </p>
        )}
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={topUp.isPending}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={topUp.isPending || !amount}
            onClick={() => {
              if (!amount) return;
              topUp.mutate(
                { amount },
                {
                  onSuccess: (funding) => {
                    setConfirming(false);
                    setDone(funding);
                  },
                },
              );
            }}
          >
            {topUp.isError ? t("common.retry") : t("wallet.topUp.confirm")}
          </Button>
        </DialogActions>
      </Dialog>
    </Page>
  );
}
