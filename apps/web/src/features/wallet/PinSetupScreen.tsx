import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LockIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { PinInput } from "./PinInput.tsx";
import { isWeakPin } from "./pin-rules.ts";
import styles from "./Wallet.module.css";
import { describeWalletError, lockedUntilOf, unlockTime } from "./wallet-errors.ts";
import { SuccessIcon } from "./wallet-icons.tsx";
import { useSetPin, useWallet } from "./wallet-queries.ts";

/** Where Set PIN leads back to once done (only the app's own paths). */
export function pinSetupPath(next?: string): string {
  return next ? `${paths.walletPin}?next=${encodeURIComponent(next)}` : paths.walletPin;
}

type Step = "current" | "new" | "confirm" | "done";

/** Set the payment PIN, or change it (current PIN first). Each step takes six digits and moves on. */
export function PinSetupScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const nextParam = search.get("next");
  const next = nextParam?.startsWith("/") && !nextParam.startsWith("//") ? nextParam : paths.wallet;
  const wallet = useWallet();
  const setPin = useSetPin();
  const [step, setStep] = useState<Step | null>(null);
  const [current, setCurrent] = useState("");
  const [pin, setPinValue] = useState("");
  const [again, setAgain] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  // Whether this visit changes a PIN, fixed when it starts (the cache says hasPin once it is set).
  const [changing, setChanging] = useState<boolean | null>(null);
  const hasPin = changing ?? wallet.data?.hasPin ?? false;
  useEffect(() => {
    if (wallet.data && step === null) {
      setChanging(wallet.data.hasPin);
      setStep(wallet.data.hasPin ? "current" : "new");
    }
  }, [wallet.data, step]);

  const title = hasPin ? t("wallet.pin.changeTitle") : t("wallet.pin.setTitle");
  if (wallet.isPending || step === null) {
    return (
      <Page title={t("wallet.pin.title")} back={paths.wallet}>
        <LoadingState />
      </Page>
    );
  }
  if (wallet.isError) {
    return (
      <Page title={t("wallet.pin.title")} back={paths.wallet}>
        <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />
      </Page>
    );
  }

  const lockEnd =
    lockedUntilOf(setPin.error) ??
    (wallet.data.pinLockedUntil && new Date(wallet.data.pinLockedUntil) > new Date()
      ? new Date(wallet.data.pinLockedUntil)
      : null);

  const submit = (confirmed: string) => {
    if (confirmed !== pin) {
      setNotice(t("wallet.pin.mismatch"));
      setPinValue("");
      setAgain("");
      setStep("new");
      return;
    }
    setPin.mutate(
      { pin, currentPin: hasPin ? current : undefined },
      {
        onSuccess: () => setStep("done"),
        onError: (err) => {
          setPinValue("");
          setAgain("");
          if (isApiError(err, "wrong_pin") || isApiError(err, "current_pin_required")) {
            setCurrent("");
            setStep("current");
          } else {
            setStep(hasPin ? "current" : "new");
            setCurrent("");
          }
        },
      },
    );
  };

  if (step === "done") {
    return (
      <Page title={title} back={paths.wallet}>
        <div className={styles.result}>
          <SuccessIcon className={styles.resultIconOk} />
          <h2 className={styles.resultTitle}>{hasPin ? t("wallet.pin.changed") : t("wallet.pin.set")}</h2>
          <p className={styles.resultLine}>{t("wallet.pin.doneBody")}</p>
          <div className={styles.resultActions}>
            <Button block size="lg" onClick={() => navigate(next, { replace: true })}>
              {t("wallet.done")}
            </Button>
          </div>
        </div>
      </Page>
    );
  }

  const error = setPin.error ? describeWalletError(t, setPin.error, i18n.language) : undefined;
  const prompts: Record<Exclude<Step, "done">, string> = {
    current: t("wallet.pin.enterCurrent"),
    new: t("wallet.pin.enterNew"),
    confirm: t("wallet.pin.enterAgain"),
  };

  return (
    <Page title={title} back={paths.wallet}>
      <div className={styles.pinScreen}>
        <span className={styles.pinBadge}>
          <LockIcon />
        </span>
        <h2 className={styles.pinPrompt} aria-live="polite">
          {prompts[step]}
        </h2>
        <p className={styles.pinExplain}>{t("wallet.pin.explain")}</p>
        {lockEnd ? (
          <Alert tone="error">
            {t("wallet.errors.pinLockedUntil", { time: unlockTime(lockEnd, i18n.language) })}
          </Alert>
        ) : (
          <>
            {step === "current" && (
              <PinInput
                key="current"
                label={prompts.current}
                value={current}
                onChange={setCurrent}
                onComplete={() => {
                  setNotice(null);
                  setStep("new");
                }}
                error={error}
                disabled={setPin.isPending}
                autoFocus
              />
            )}
            {step === "new" && (
              <PinInput
                key="new"
                label={prompts.new}
                value={pin}
                onChange={setPinValue}
                onComplete={(value) => {
                  if (isWeakPin(value)) {
                    setNotice(t("wallet.pin.weak"));
                    setPinValue("");
                    return;
                  }
                  if (hasPin && value === current) {
                    setNotice(t("wallet.pin.same"));
                    setPinValue("");
                    return;
                  }
                  setNotice(null);
                  setStep("confirm");
                }}
                error={notice ?? (hasPin ? undefined : error)}
                hint={t("wallet.pin.rules")}
                autoFocus
              />
            )}
            {step === "confirm" && (
              <PinInput
                key="confirm"
                label={prompts.confirm}
                value={again}
                onChange={setAgain}
                onComplete={submit}
                disabled={setPin.isPending}
                autoFocus
              />
            )}
            {setPin.isPending && (
              <p className={styles.progress} role="status">
                <span className={styles.spinner} aria-hidden="true" />
                {t("wallet.pin.saving")}
              </p>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
