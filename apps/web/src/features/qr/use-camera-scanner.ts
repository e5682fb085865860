import type QrScanner from "qr-scanner";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

/** What the viewfinder shows. `insecure`: cameras need https (or localhost). */
export type CameraState = "starting" | "scanning" | "denied" | "none" | "insecure" | "failed";

/** The scanner library, loaded when a scan screen first opens (its decoder is a lazy chunk too). */
export function loadQrScanner(): Promise<typeof QrScanner> {
  return import("qr-scanner").then((m) => m.default);
}

/** Why starting the camera failed: the library reports every refusal as "Camera not found." */
async function diagnose(): Promise<CameraState> {
  try {
    const status = await navigator.permissions?.query({ name: "camera" as PermissionName });
    if (status?.state === "denied") return "denied";
  } catch {
    // Browsers without the "camera" permission name: fall through to the device list.
  }
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((d) => d.kind === "videoinput")) return "none";
  } catch {
    return "failed";
  }
  return "failed";
}

/**
 * Runs the back camera into `video` and reports each decoded text. Decoding uses the browser's
 * BarcodeDetector where there is one, else qr-scanner's worker (a separate chunk of the build).
 */
export function useCameraScanner(
  video: RefObject<HTMLVideoElement | null>,
  onDecode: (text: string) => void,
) {
  const [state, setState] = useState<CameraState>("starting");
  const [hasFlash, setHasFlash] = useState(false);
  const [flashOn, setFlashOn] = useState(false);
  const [canFlip, setCanFlip] = useState(false);
  const scanner = useRef<QrScanner | null>(null);
  const facing = useRef<"environment" | "user">("environment");
  const onDecodeRef = useRef(onDecode);
  onDecodeRef.current = onDecode;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let cancelled = false;
    let instance: QrScanner | null = null;
    void (async () => {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        setState("insecure");
        return;
      }
      const Scanner = await loadQrScanner();
      if (cancelled) return;
      instance = new Scanner(element, (result) => onDecodeRef.current(result.data), {
        returnDetailedScanResult: true,
        preferredCamera: facing.current,
        maxScansPerSecond: 8,
        onDecodeError: () => {
          // Most frames hold no code: that is not an error worth showing.
        },
      });
      scanner.current = instance;
      try {
        await instance.start();
      } catch {
        if (!cancelled) setState(await diagnose());
        return;
      }
      if (cancelled) return;
      setState("scanning");
      const [flash, cameras] = await Promise.all([
        instance.hasFlash().catch(() => false),
        Scanner.listCameras(false).catch(() => []),
      ]);
      if (cancelled) return;
      setHasFlash(flash);
      setCanFlip(cameras.length > 1);
    })();
    return () => {
      cancelled = true;
      instance?.destroy();
      scanner.current = null;
    };
  }, [video]);

  const toggleFlash = useCallback(async () => {
    const current = scanner.current;
    if (!current) return;
    await current.toggleFlash().catch(() => undefined);
    setFlashOn(current.isFlashOn());
  }, []);

  const flip = useCallback(async () => {
    const current = scanner.current;
    if (!current) return;
    facing.current = facing.current === "environment" ? "user" : "environment";
    await current.setCamera(facing.current).catch(() => undefined);
    setFlashOn(false);
    setHasFlash(await current.hasFlash().catch(() => false));
  }, []);

  return { state, hasFlash, flashOn, canFlip, toggleFlash, flip };
}

/** Reads a QR code from a picture. Resolves null when the picture holds none. */
export async function decodeImage(file: Blob): Promise<string | null> {
  const Scanner = await loadQrScanner();
  try {
    const result = await Scanner.scanImage(file, {
      returnDetailedScanResult: true,
      alsoTryWithoutScanRegion: true,
    });
    return result.data;
  } catch {
    return null;
  }
}
