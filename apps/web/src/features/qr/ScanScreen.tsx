import { type ChangeEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { BackIcon, ImageIcon } from "../../ui/Icons.tsx";
import { CameraOffIcon, FlipCameraIcon, QrCodeIcon, TorchIcon } from "./icons.tsx";
import styles from "./Scan.module.css";
import { ScanResultSheet } from "./ScanResult.tsx";
import { type CameraState, decodeImage, useCameraScanner } from "./use-camera-scanner.ts";

/** After a result is closed, the same code still in front of the camera is not taken again at once. */
const SAME_CODE_PAUSE_MS = 2500;

/** Scan: the camera with a viewfinder, or a photo of a code; what was read opens in a sheet. */
export function ScanScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [attempt, setAttempt] = useState(0);
  const [text, setText] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [photoFailed, setPhotoFailed] = useState(false);
  const last = useRef<{ text: string; closedAt: number } | null>(null);

  useEffect(() => {
    document.title = `${t("qr.scan.title")} · Agora`;
  }, [t]);

  const onDecode = useCallback((decoded: string) => {
    setText((open) => {
      if (open !== null) return open;
      const previous = last.current;
      if (previous && previous.text === decoded && Date.now() - previous.closedAt < SAME_CODE_PAUSE_MS)
        return open;
      return decoded;
    });
  }, []);

  const onPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setPhotoFailed(false);
    setReading(true);
    const decoded = await decodeImage(file);
    setReading(false);
    if (decoded === null) setPhotoFailed(true);
    else setText(decoded);
  };

  return (
    <div className={styles.screen}>
      <header className={styles.bar}>
        <Link
          to={paths.chats}
          className={styles.barButton}
          aria-label={t("common.back")}
          onClick={(event) => {
            // Back where the scan was opened from (Discover, Add contact…) when there is such a page.
            if (location.key !== "default") {
              event.preventDefault();
              navigate(-1);
            }
          }}
        >
          <BackIcon />
        </Link>
        <h1 className={styles.title}>{t("qr.scan.title")}</h1>
        <span className={styles.barButton} aria-hidden="true" />
      </header>
      <main className={styles.main}>
        <Camera key={attempt} onDecode={onDecode} onRetry={() => setAttempt((n) => n + 1)} />
        <div className={styles.below}>
          {reading && (
            <p className={styles.status} role="status">
              {t("qr.scan.reading")}
            </p>
          )}
          {photoFailed && <Alert tone="error">{t("qr.scan.noCodeInPhoto")}</Alert>}
          <div className={styles.tools}>
            <label className={styles.tool}>
              <span className={styles.toolIcon}>
                <ImageIcon />
              </span>
              <span>{t("qr.scan.fromPhotos")}</span>
              <input
                type="file"
                accept="image/*"
                className="visually-hidden"
                onChange={(e) => void onPhoto(e)}
              />
            </label>
            <Link to={paths.myQr} className={styles.tool}>
              <span className={styles.toolIcon}>
                <QrCodeIcon />
              </span>
              <span>{t("qr.my.title")}</span>
            </Link>
          </div>
        </div>
      </main>
      <ScanResultSheet
        text={text}
        onClose={() => {
          if (text !== null) last.current = { text, closedAt: Date.now() };
          setText(null);
        }}
      />
    </div>
  );
}

function Camera({ onDecode, onRetry }: { onDecode: (text: string) => void; onRetry: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const camera = useCameraScanner(video, onDecode);
  return (
    <div className={styles.viewfinder}>
      <video ref={video} className={styles.video} muted playsInline aria-label={t("qr.scan.cameraLabel")} />
      {camera.state === "scanning" ? (
        <>
          <div className={styles.frame} aria-hidden="true">
            <span className={styles.line} />
          </div>
          <p className={styles.hint}>{t("qr.scan.hint")}</p>
          <div className={styles.cameraTools}>
            {camera.hasFlash && (
              <button
                type="button"
                className={styles.round}
                aria-pressed={camera.flashOn}
                aria-label={t("qr.scan.torch")}
                onClick={() => void camera.toggleFlash()}
              >
                <TorchIcon />
              </button>
            )}
            {camera.canFlip && (
              <button
                type="button"
                className={styles.round}
                aria-label={t("qr.scan.flip")}
                onClick={() => void camera.flip()}
              >
                <FlipCameraIcon />
              </button>
            )}
          </div>
        </>
      ) : (
        <CameraMessage state={camera.state} onRetry={onRetry} />
      )}
    </div>
  );
}

function CameraMessage({ state, onRetry }: { state: Exclude<CameraState, "scanning">; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state === "starting") {
    return (
      <div className={styles.message} role="status">
        <span className={styles.spinner} aria-hidden="true" />
        <p>{t("qr.scan.starting")}</p>
      </div>
    );
  }
  return (
    <div className={styles.message} role="alert">
      <CameraOffIcon className={styles.messageIcon} />
      <h2 className={styles.messageTitle}>{t(`qr.scan.camera.${state}.title`)}</h2>
      <p className={styles.messageBody}>{t(`qr.scan.camera.${state}.body`)}</p>
      {state === "failed" && (
        <Button variant="secondary" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </div>
  );
}
