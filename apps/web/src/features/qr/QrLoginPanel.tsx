import type { User } from "@agora/protocol/identity";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { queryKeys } from "../../api/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Button } from "../../ui/Button.tsx";
import { CheckIcon } from "../../ui/Icons.tsx";
import { RefreshIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { QrImage } from "./QrImage.tsx";
import { useQrLogin } from "./use-qr-login.ts";

/** Wide windows show the QR panel beside the form (same breakpoint as Qr.module.css). */
const WIDE = "(min-width: 900px)";

function useWide(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(WIDE).matches,
  );
}

/**
 * The sign-in page's QR login: beside the form on a computer's screen, behind a link on a
 * narrow one (a phone is usually the device that scans). Signed in, it goes to `next`.
 */
function QrSignIn({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const wide = useWide();
  const [asked, setAsked] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onSignedIn = (user: User) => {
    queryClient.removeQueries();
    queryClient.setQueryData(queryKeys.me, user);
    navigate(next ?? paths.chats, { replace: true });
  };
  if (wide || asked) {
    return (
      <div className={styles.signInQr}>
        <QrLoginPanel onSignedIn={onSignedIn} reveal={asked && !wide} />
      </div>
    );
  }
  return (
    <Button variant="plain" className={styles.qrToggle} onClick={() => setAsked(true)}>
      {t("qr.signIn.link")}
    </Button>
  );
}

/** Wraps the sign-in form: the form, and the QR login beside it or behind a link. */
export function SignInWithQr({ next, children }: { next: string | null; children: ReactNode }) {
  return (
    <div className={styles.signInSplit}>
      <div className={styles.signInForm}>{children}</div>
      <QrSignIn next={next} />
    </div>
  );
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/**
 * "Log in with QR code" on the sign-in page: the code, what to do with it, and what is
 * happening (scanned, expired, cancelled). `onSignedIn` runs once the phone approved.
 */
export function QrLoginPanel({ onSignedIn, reveal }: { onSignedIn: (user: User) => void; reveal: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the link below the form: bring it into view and say where focus went.
  useEffect(() => {
    if (!reveal) return;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [reveal]);
  const { view, refresh } = useQrLogin(true, onSignedIn);
  const now = useNow(view.phase === "waiting");

  return (
    <section className={styles.loginPanel} aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1} className={styles.loginTitle}>
        {t("qr.signIn.title")}
      </h2>
      <div className={styles.loginCode}>
        {view.phase === "waiting" ? (
          <>
            <QrImage url={view.code.url} label={t("qr.signIn.qrLabel")} />
            {view.scanned && (
              <div className={styles.loginOverlay}>
                <span className={styles.loginOverlayIcon}>
                  <CheckIcon />
                </span>
                <strong>{t("qr.signIn.scanned")}</strong>
                <span>{t("qr.signIn.scannedBody")}</span>
              </div>
            )}
          </>
        ) : view.phase === "starting" || view.phase === "signingIn" ? (
          <div className={styles.qrFrame}>
            <span className={styles.qrPlaceholder} aria-hidden="true" />
          </div>
        ) : (
          <div className={styles.qrFrame}>
            <span className={`${styles.qrPlaceholder} ${styles.qrFaded}`} aria-hidden="true" />
            <div className={styles.loginOverlay}>
              <strong>
                {view.phase === "expired"
                  ? t("qr.signIn.expired")
                  : view.phase === "cancelled"
                    ? t("qr.signIn.cancelled")
                    : describeError(t, view.error)}
              </strong>
              <Button size="sm" onClick={refresh}>
                <RefreshIcon />
                {t("qr.signIn.refresh")}
              </Button>
            </div>
          </div>
        )}
      </div>
      <p className={styles.loginStatus} role="status">
        {view.phase === "starting"
          ? t("qr.signIn.starting")
          : view.phase === "signingIn"
            ? t("qr.signIn.signingIn")
            : view.phase === "waiting" && view.scanned
              ? t("qr.signIn.scanned")
              : ""}
      </p>
      {view.phase === "waiting" && (
        <p className={styles.loginCountdown}>
          {t("qr.signIn.expiresIn", { time: minutesSeconds(view.deadline - now) })}
        </p>
      )}
      <ol className={styles.loginSteps}>
        <li>{t("qr.signIn.step1")}</li>
        <li>{t("qr.signIn.step2")}</li>
        <li>{t("qr.signIn.step3")}</li>
      </ol>
    </section>
  );
}
