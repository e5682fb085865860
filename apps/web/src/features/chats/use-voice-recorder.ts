import { useCallback, useEffect, useRef, useState } from "react";

export type RecorderState =
  | { status: "idle" }
  | { status: "recording"; startedAt: number }
  | { status: "denied" }
  | { status: "unsupported" };

/**
 * Records audio with MediaRecorder (audio/webm where the browser can); `stop(true)` hands the clip
 * over, `stop(false)` drops it. A stop that comes while the microphone is still being opened (a
 * press released at once) cancels the start.
 */
export function useVoiceRecorder(onClip: (clip: Blob, durationMs: number) => void) {
  const [state, setState] = useState<RecorderState>({ status: "idle" });
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);
  const startedAt = useRef(0);
  const wanted = useRef(false);
  const latest = useRef(onClip);
  latest.current = onClip;

  const release = useCallback(() => {
    for (const track of recorder.current?.stream.getTracks() ?? []) track.stop();
    recorder.current = null;
  }, []);

  useEffect(
    () => () => {
      keep.current = false;
      if (recorder.current?.state === "recording") recorder.current.stop();
      release();
    },
    [release],
  );

  const start = useCallback(async () => {
    wanted.current = true;
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      setState({ status: "unsupported" });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      if (wanted.current) setState({ status: "denied" });
      wanted.current = false;
      return;
    }
    if (!wanted.current) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const mimeType = MediaRecorder.isTypeSupported("audio/webm;codecs=opus") ? "audio/webm;codecs=opus" : "";
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    rec.onstop = () => {
      const durationMs = Date.now() - startedAt.current;
      release();
      setState({ status: "idle" });
      if (keep.current && chunks.length > 0) {
        latest.current(new Blob(chunks, { type: rec.mimeType || "audio/webm" }), durationMs);
      }
    };
    recorder.current = rec;
    startedAt.current = Date.now();
    keep.current = false;
    rec.start();
    setState({ status: "recording", startedAt: startedAt.current });
  }, [release]);

  const stop = useCallback((send: boolean) => {
    wanted.current = false;
    keep.current = send;
    if (recorder.current?.state === "recording") recorder.current.stop();
  }, []);

  return { state, start, stop, dismiss: () => setState({ status: "idle" }) };
}
