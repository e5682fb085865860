import { MAX_TEXT } from "@agora/protocol/messaging";
import { type ClipboardEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRealtime } from "../../realtime/realtime-context.ts";
import { Alert } from "../../ui/Alert.tsx";
import {
  CloseIcon,
  FileIcon,
  ImageIcon,
  MicIcon,
  PlusIcon,
  SendIcon,
  SmileIcon,
  StopIcon,
  TrashIcon,
} from "../../ui/Icons.tsx";
import styles from "./Chat.module.css";
import { formatDuration } from "./format-time.ts";
import { stickerName } from "./MessageContent.tsx";
import { Sticker } from "./Sticker.tsx";
import { STICKER_IDS, type StickerId } from "./stickers.ts";
import type { Upload } from "./use-uploads.ts";
import { useVoiceRecorder } from "./use-voice-recorder.ts";

const TYPING_EVERY_MS = 2_000;
const MAX_ROWS_PX = 132;

export interface ComposerProps {
  conversationId: string;
  onText: (text: string) => void;
  onSticker: (id: StickerId) => void;
  onUpload: (file: Blob, kind: Upload["kind"], name: string, meta?: { durationMs?: number }) => void;
  /** More tiles for the "+" panel (the wallet's Transfer and Red packet). */
  actions?: readonly ComposerAction[];
}

export interface ComposerAction {
  key: string;
  label: string;
  icon: ReactNode;
  onSelect: () => void;
}

type Panel = "none" | "stickers" | "more";

/** The bar at the bottom: text (Enter sends), stickers, photos and files, voice. */
export function Composer({ conversationId, onText, onSticker, onUpload, actions = [] }: ComposerProps) {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const [text, setText] = useState("");
  const [panel, setPanel] = useState<Panel>("none");
  const area = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);
  const [now, setNow] = useState(Date.now());
  const recorder = useVoiceRecorder((clip, durationMs) =>
    onUpload(clip, "voice", "voice.webm", { durationMs }),
  );
  const recording = recorder.state.status === "recording";

  // The textarea grows with its content, up to about five lines.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [text]);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [recording]);

  const send = () => {
    const value = text.trim();
    if (!value) return;
    onText(value.slice(0, MAX_TEXT));
    setText("");
    area.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is not a send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    const at = Date.now();
    if (value && at - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = at;
      realtime.send({ type: "typing", conversationId });
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const images = [...event.clipboardData.files].filter((f) => f.type.startsWith("image/"));
    if (images.length === 0) return;
    event.preventDefault();
    for (const image of images) onUpload(image, "image", image.name || "image.png");
  };

  const pick = (files: FileList | null, kind: "image" | "file") => {
    for (const file of files ?? [])
      onUpload(file, kind === "image" && file.type.startsWith("image/") ? "image" : "file", file.name);
    setPanel("none");
  };

  if (recording) {
    const started = recorder.state.status === "recording" ? recorder.state.startedAt : now;
    return (
      <div className={styles.composer}>
        <div className={styles.recordingBar}>
          <button
            type="button"
            className={styles.roundButton}
            onClick={() => recorder.stop(false)}
            aria-label={t("chat.composer.cancelRecording")}
          >
            <TrashIcon />
          </button>
          <span className={styles.recordingLabel} role="status">
            <span className={styles.recordingDot} aria-hidden="true" />
            {t("chat.composer.recording", { duration: formatDuration(Math.max(0, now - started)) })}
          </span>
          <button
            type="button"
            className={`${styles.roundButton} ${styles.sendButton}`}
            onClick={() => recorder.stop(true)}
            aria-label={t("chat.composer.stop")}
          >
            <StopIcon />
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.composer}>
      {(recorder.state.status === "denied" || recorder.state.status === "unsupported") && (
        <div className={styles.composerAlert}>
          <Alert tone="error">
            {recorder.state.status === "denied"
              ? t("chat.composer.micDenied")
              : t("chat.composer.noRecorder")}
          </Alert>
          <button
            type="button"
            className={styles.roundButton}
            onClick={recorder.dismiss}
            aria-label={t("common.cancel")}
          >
            <CloseIcon />
          </button>
        </div>
      )}
      <div className={styles.composerBar}>
        <button
          type="button"
          className={styles.roundButton}
          onClick={() => void recorder.start()}
          aria-label={t("chat.composer.record")}
        >
          <MicIcon />
        </button>
        <textarea
          ref={area}
          className={styles.input}
          rows={1}
          value={text}
          maxLength={MAX_TEXT}
          placeholder={t("chat.composer.placeholder")}
          aria-label={t("chat.composer.label")}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onFocus={() => setPanel("none")}
          enterKeyHint="send"
        />
        <button
          type="button"
          className={`${styles.roundButton} ${panel === "stickers" ? styles.roundActive : ""}`}
          onClick={() => setPanel(panel === "stickers" ? "none" : "stickers")}
          aria-label={t("chat.composer.stickers")}
          aria-expanded={panel === "stickers"}
        >
          <SmileIcon />
        </button>
        {text.trim() ? (
          <button
            type="button"
            className={`${styles.roundButton} ${styles.sendButton}`}
            onClick={send}
            aria-label={t("chat.composer.send")}
          >
            <SendIcon />
          </button>
        ) : (
          <button
            type="button"
            className={`${styles.roundButton} ${panel === "more" ? styles.roundActive : ""}`}
            onClick={() => setPanel(panel === "more" ? "none" : "more")}
            aria-label={t("chat.composer.attach")}
            aria-expanded={panel === "more"}
          >
            <PlusIcon />
          </button>
        )}
      </div>
      {panel === "stickers" && (
        <fieldset className={styles.stickerPanel}>
          <legend className="visually-hidden">{t("chat.composer.stickers")}</legend>
          {STICKER_IDS.map((id) => (
            <button
              key={id}
              type="button"
              className={styles.stickerButton}
              onClick={() => {
                onSticker(id);
                setPanel("none");
              }}
              aria-label={stickerName(t, id)}
            >
              <Sticker id={id} size={56} />
            </button>
          ))}
        </fieldset>
      )}
      {panel === "more" && (
        <fieldset className={styles.morePanel}>
          <legend className="visually-hidden">{t("chat.composer.attach")}</legend>
          <label className={styles.moreTile}>
            <span className={styles.moreIcon}>
              <ImageIcon />
            </span>
            {t("chat.composer.photo")}
            <input
              type="file"
              accept="image/*"
              multiple
              className="visually-hidden"
              onChange={(e) => {
                pick(e.target.files, "image");
                e.target.value = "";
              }}
            />
          </label>
          <label className={styles.moreTile}>
            <span className={styles.moreIcon}>
              <FileIcon />
            </span>
            {t("chat.composer.file")}
            <input
              type="file"
              className="visually-hidden"
              onChange={(e) => {
                pick(e.target.files, "file");
                e.target.value = "";
              }}
            />
          </label>
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              className={styles.moreTile}
              onClick={() => {
                setPanel("none");
                action.onSelect();
              }}
            >
              <span className={styles.moreIcon}>{action.icon}</span>
              {action.label}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}
