import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button, buttonClass } from "../../ui/Button.tsx";
import { CheckIcon } from "../../ui/Icons.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { deviceName } from "./device.ts";
import { ComputerIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { useApproveLogin, useCancelLogin } from "./qr-queries.ts";
import { describeQrError, type LoginApprovalState } from "./ScanResult.tsx";

function isApprovalState(value: unknown): value is LoginApprovalState {
  return (
    typeof value === "object" && value !== null && typeof (value as LoginApprovalState).code === "string"
  );
}

/**
 * "Log in on a computer?": a scanned web-login code asks here before the browser that shows it
 * gets a session. The code travels in the navigation state, never in the address.
 */
export function ApproveLoginScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const state: unknown = useLocation().state;
  const approve = useApproveLogin();
  const cancel = useCancelLogin();
  const [done, setDone] = useState<"approved" | "cancelled" | null>(null);
  const code = isApprovalState(state) ? state.code : null;
  const device = deviceName(isApprovalState(state) ? state.device : null);
  const failure = approve.error ?? cancel.error;
  const busy = approve.isPending || cancel.isPending;

  if (code === null) {
    return (
      <Page title={t("qr.login.title")} back={paths.scan}>
        <div className={styles.approve}>
          <span className={styles.approveIcon}>
            <ComputerIcon />
          </span>
          <p className={styles.approveBody}>{t("qr.login.missing")}</p>
          <Link to={paths.scan} className={buttonClass("primary", "lg", true)}>
            {t("qr.login.scanAgain")}
          </Link>
        </div>
      </Page>
    );
  }

  if (done) {
    return (
      <Page title={t("qr.login.title")} back={paths.chats}>
        <div className={styles.approve} role="status">
          <span className={`${styles.approveIcon} ${done === "approved" ? styles.approveOk : ""}`}>
            {done === "approved" ? <CheckIcon /> : <ComputerIcon />}
          </span>
          <h2 className={styles.approveTitle}>
            {done === "approved" ? t("qr.login.approvedTitle") : t("qr.login.cancelledTitle")}
          </h2>
          <p className={styles.approveBody}>
            {done === "approved" ? t("qr.login.approvedBody") : t("qr.login.cancelledBody")}
          </p>
          <Link to={paths.chats} className={buttonClass("primary", "lg", true)}>
            {t("qr.login.done")}
          </Link>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t("qr.login.title")} back={paths.scan}>
      <div className={styles.approve}>
        <span className={styles.approveIcon}>
          <ComputerIcon />
        </span>
        <h2 className={styles.approveTitle}>{t("qr.login.question")}</h2>
        <p className={styles.approveBody}>
          {t("qr.login.body", { name: me.displayName, handle: me.handle })}
        </p>
        <p className={styles.approveDevice}>
          <span className={styles.approveDeviceLabel}>{t("qr.login.deviceLabel")}</span>
          <strong>
            {device.browser && device.os
              ? t("qr.login.device", { browser: device.browser, os: device.os })
              : (device.browser ?? device.os ?? t("qr.login.unknownDevice"))}
          </strong>
        </p>
        <p className={styles.approveWarning}>{t("qr.login.warning")}</p>
        {failure && <Alert tone="error">{describeQrError(t, failure)}</Alert>}
        <div className={styles.approveActions}>
          <Button
            size="lg"
            block
            disabled={busy}
            onClick={() => approve.mutate(code, { onSuccess: () => setDone("approved") })}
          >
            {approve.isPending ? t("qr.login.approving") : t("qr.login.approve")}
          </Button>
          <Button
            size="lg"
            block
            variant="secondary"
            disabled={busy}
            onClick={() =>
              cancel.mutate(code, {
                onSuccess: () => setDone("cancelled"),
                // Cancelling is a courtesy to the waiting browser: leave even if it failed.
                onError: () => navigate(paths.chats, { replace: true }),
              })
            }
          >
            {t("qr.login.cancel")}
          </Button>
        </div>
      </div>
    </Page>
  );
}
