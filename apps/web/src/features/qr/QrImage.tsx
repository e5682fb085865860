import { toDataURL, toString as toSvg } from "qrcode";
import { useEffect, useState } from "react";
import styles from "./Qr.module.css";

/**
 * Error correction "Q" (25 %): the app mark drawn over the middle hides far less than that,
 * and a photo of a screen with glare still reads.
 */
const OPTIONS = {
  errorCorrectionLevel: "Q",
  margin: 2,
  color: { dark: "#111418", light: "#ffffff" },
} as const;

/**
 * A QR code drawn here from its URL (the server's SVG is not injected into the page): an <img>
 * of a data: URL, so nothing in it can run. `label` is its accessible name.
 */
export function QrImage({ url, label, logo = true }: { url: string; label: string; logo?: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void toSvg(url, { ...OPTIONS, type: "svg" }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className={styles.qrFrame} data-qr-url={url}>
      {src ? (
        <img className={styles.qr} src={src} alt={label} width={240} height={240} />
      ) : (
        <span className={styles.qrPlaceholder} role="img" aria-label={label} aria-busy="true" />
      )}
      {logo && src && <img className={styles.qrLogo} src="/icons/icon.svg" alt="" width={44} height={44} />}
    </div>
  );
}

/** Downloads the code as a PNG (a photo app can keep it; another phone can scan it from there). */
export async function saveQrImage(url: string, fileName: string): Promise<void> {
  const href = await toDataURL(url, { ...OPTIONS, type: "image/png", width: 1024 });
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  link.click();
}
