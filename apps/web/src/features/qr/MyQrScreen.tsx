import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { ScanIcon } from "../../ui/Icons.tsx";
import { barIconButton, Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { RefreshIcon, SaveIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { QrImage, saveQrImage } from "./QrImage.tsx";
import { useMyCode, useRotateCodes } from "./qr-queries.ts";

/** My QR code: a card with who I am and the code others scan to add me. */
export function MyQrScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const code = useMyCode();
  const rotate = useRotateCodes();
  const [confirming, setConfirming] = useState(false);
  const [reset, setReset] = useState(false);

  return (
    <Page
      title={t("qr.my.title")}
      back={paths.me}
      action={
        <Link to={paths.scan} className={barIconButton} aria-label={t("qr.scan.title")}>
          <ScanIcon />
        </Link>
      }
    >
      <div className={styles.stage}>
        <section className={styles.card} aria-label={t("qr.my.cardLabel", { name: me.displayName })}>
          <header className={styles.cardHead}>
            <Avatar user={me} size="lg" />
            <div className={styles.cardWho}>
              <h2 className={styles.cardName}>{me.displayName}</h2>
              <p className={styles.cardHandle}>@{me.handle}</p>
            </div>
          </header>
          {code.isError ? (
            <ErrorState error={code.error} onRetry={() => void code.refetch()} />
          ) : code.isPending ? (
            <div className={styles.qrFrame}>
              <span className={styles.qrPlaceholder} role="status" aria-label={t("common.loading")} />
            </div>
          ) : (
            <QrImage url={code.data.url} label={t("qr.my.qrLabel", { name: me.displayName })} />
          )}
          <p className={styles.caption}>{t("qr.my.caption")}</p>
        </section>

        {reset && <Alert tone="success">{t("qr.my.resetDone")}</Alert>}
        {rotate.isError && <Alert tone="error">{describeError(t, rotate.error)}</Alert>}

        <div className={styles.cardActions}>
          <Button
            variant="plain"
            disabled={!code.data}
            onClick={() => code.data && void saveQrImage(code.data.url, `agora-${me.handle}.png`)}
          >
            <SaveIcon />
            {t("qr.saveImage")}
          </Button>
          <Button variant="plain" onClick={() => setConfirming(true)}>
            <RefreshIcon />
            {t("qr.my.reset")}
          </Button>
        </div>
      </div>

      <ConfirmDialog
        open={confirming}
        title={t("qr.my.resetTitle")}
        description={t("qr.my.resetBody")}
        confirmLabel={t("qr.my.resetConfirm")}
        busy={rotate.isPending}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => setReset(true),
            onSettled: () => setConfirming(false),
          })
        }
        onCancel={() => setConfirming(false)}
      />
    </Page>
  );
}
