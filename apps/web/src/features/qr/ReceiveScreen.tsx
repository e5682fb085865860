import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog, DialogActions } from "../../ui/Dialog.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { AmountField, amountProblem } from "../wallet/AmountField.tsx";
import { formatMoney, parseAmount } from "../wallet/money.ts";
import { useWallet } from "../wallet/wallet-queries.ts";
import { ReceiveIcon, SaveIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { QrImage, saveQrImage } from "./QrImage.tsx";
import { useReceiveCode } from "./qr-queries.ts";

const DEFAULT_CURRENCY = "EUR";

/** The fixed amount, in minor units, kept in the address (`?amount=`) so a reload keeps it. */
function useAmountParam(): [number | null, (amount: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get("amount"));
  const amount = Number.isSafeInteger(raw) && raw > 0 ? raw : null;
  const set = (next: number | null) =>
    setParams(next === null ? {} : { amount: String(next) }, { replace: true });
  return [amount, set];
}

/** Receive money: my "pay me" code, open or for a set amount. */
export function ReceiveScreen() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [amount, setAmount] = useAmountParam();
  const code = useReceiveCode(amount);
  // Amounts are typed in the wallet's currency (one per deployment; EUR by default).
  const currency = useWallet().data?.balance.currency ?? DEFAULT_CURRENCY;
  const [editing, setEditing] = useState(false);
  const shown = code.data?.amount ?? (amount === null ? null : { amount, currency });

  return (
    <Page title={t("qr.receive.title")} back={paths.me}>
      <div className={`${styles.stage} ${styles.receiveStage}`}>
        <section className={styles.card} aria-label={t("qr.receive.cardLabel")}>
          <header className={styles.receiveHead}>
            <ReceiveIcon />
            <h2>{t("qr.receive.heading")}</h2>
          </header>
          <div className={styles.receiveWho}>
            <Avatar user={me} size="sm" />
            <span>{t("qr.receive.payTo", { name: me.displayName })}</span>
          </div>
          {shown && (
            <p className={styles.receiveAmount}>
              <span className="visually-hidden">{t("qr.receive.amountLabel")} </span>
              {formatMoney(shown, i18n.language)}
            </p>
          )}
          {code.isError ? (
            <ErrorState error={code.error} onRetry={() => void code.refetch()} />
          ) : code.isPending ? (
            <div className={styles.qrFrame}>
              <span className={styles.qrPlaceholder} role="status" aria-label={t("common.loading")} />
            </div>
          ) : (
            <QrImage
              url={code.data.url}
              label={
                shown
                  ? t("qr.receive.qrLabelAmount", { amount: formatMoney(shown, i18n.language) })
                  : t("qr.receive.qrLabel")
              }
            />
          )}
          <p className={styles.caption}>{shown ? t("qr.receive.captionAmount") : t("qr.receive.caption")}</p>
          <div className={styles.receiveLinks}>
            {amount === null ? (
              <Button variant="plain" onClick={() => setEditing(true)}>
                {t("qr.receive.setAmount")}
              </Button>
            ) : (
              <Button variant="plain" onClick={() => setAmount(null)}>
                {t("qr.receive.clearAmount")}
              </Button>
            )}
            <Button
              variant="plain"
              disabled={!code.data}
              onClick={() => code.data && void saveQrImage(code.data.url, `agora-receive-${me.handle}.png`)}
            >
              <SaveIcon />
              {t("qr.saveImage")}
            </Button>
          </div>
        </section>
      </div>
      <AmountDialog
        open={editing}
        currency={currency}
        onCancel={() => setEditing(false)}
        onSave={(value) => {
          setAmount(value);
          setEditing(false);
        }}
      />
    </Page>
  );
}

function AmountDialog({
  open,
  currency,
  onSave,
  onCancel,
}: {
  open: boolean;
  currency: string;
  onSave: (amount: number) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const parsed = parseAmount(text, currency, i18n.language);
  const problem = amountProblem(t, parsed);
  const close = () => {
    setText("");
    setTried(false);
    onCancel();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!parsed.ok) return;
    setText("");
    setTried(false);
    onSave(parsed.amount);
  };
  return (
    <Dialog open={open} title={t("qr.receive.setAmountTitle")} onClose={close}>
      <form className={styles.dialogForm} onSubmit={onSubmit} noValidate>
        <AmountField
          label={t("qr.receive.amountField")}
          value={text}
          onChange={setText}
          currency={currency}
          autoFocus
          error={tried ? (problem ?? undefined) : undefined}
        />
        <DialogActions>
          <Button variant="secondary" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("qr.receive.confirmAmount")}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
