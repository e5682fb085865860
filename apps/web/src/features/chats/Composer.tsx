import { MAX_TEXT } from "@agora/protocol/messaging";
import {
  type ClipboardEvent,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
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
/** A press shorter than this is a tap, not a voice message: nothing is sent. */
const MIN_VOICE_MS = 700;
/** How far up (or sideways) the held pointer goes before releasing it cancels. */
const CANCEL_UP_PX = 64;
const CANCEL_SIDE_PX = 160;

/** How the recording started: a held pointer (release sends), or the keyboard / a screen reader (toggle). */
type RecordMode = "hold" | "toggle";

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
  const [mode, setMode] = useState<RecordMode | null>(null);
  const [cancelZone, setCancelZone] = useState(false);
  const [tooShort, setTooShort] = useState(false);
  const micBox = useRef<DOMRect | null>(null);
  const hintId = useId();
  const moreId = useId();
  const moreButton = useRef<HTMLButtonElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const active = mode !== null;

  // The microphone was refused or is missing: the press is over.
  useEffect(() => {
    if (recorder.state.status === "denied" || recorder.state.status === "unsupported") setMode(null);
  }, [recorder.state.status]);

  useEffect(() => {
    if (!tooShort) return;
    const timer = setTimeout(() => setTooShort(false), 2_000);
    return () => clearTimeout(timer);
  }, [tooShort]);

  const finishRecording = (send: boolean) => {
    const started = recorder.state.status === "recording" ? recorder.state.startedAt : null;
    const long = started !== null && Date.now() - started >= MIN_VOICE_MS;
    recorder.stop(send && long);
    if (send && !long && mode === "hold") setTooShort(true);
    setMode(null);
    setCancelZone(false);
  };

  // Escape drops the recording, however it started.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      recorder.stop(false);
      setMode(null);
      setCancelZone(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, recorder.stop]);

  const onMicDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0 || active) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    micBox.current = event.currentTarget.getBoundingClientRect();
    setMode("hold");
    setPanel("none");
    setCancelZone(false);
    setTooShort(false);
    void recorder.start();
  };
  const onMicMove = (event: PointerEvent<HTMLButtonElement>) => {
    const box = micBox.current;
    if (mode !== "hold" || !box) return;
    const up = box.top - event.clientY;
    const side = Math.abs(event.clientX - (box.left + box.width / 2));
    setCancelZone(up > CANCEL_UP_PX || side > CANCEL_SIDE_PX);
  };
  const onMicUp = () => {
    if (mode === "hold") finishRecording(!cancelZone);
  };

  // The textarea grows with its content, up to about five lines.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [text]);

  useEffect(() => {
    if (!recording) return;
    setNow(Date.now());
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

  const elapsed =
    recorder.state.status === "recording"
      ? // Whole seconds gone by, as recorders count (formatDuration rounds: 0.6 s would read 0:01).
        formatDuration(Math.floor(Math.max(0, now - recorder.state.startedAt) / 1000) * 1000)
      : "0:00";

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
          className={`${styles.roundButton} ${styles.micButton} ${active ? styles.micActive : ""}`}
          onPointerDown={onMicDown}
          onPointerMove={onMicMove}
          onPointerUp={onMicUp}
          onPointerCancel={() => mode === "hold" && finishRecording(false)}
          onContextMenu={(event) => event.preventDefault()}
          onClick={(event) => {
            // Keyboard (Enter, Space) and screen readers click with no pointer: start, then stop and send.
            if (event.detail !== 0) return;
            if (active) finishRecording(true);
            else {
              setMode("toggle");
              setPanel("none");
              void recorder.start();
            }
          }}
          aria-label={mode === "toggle" ? t("chat.composer.stop") : t("chat.composer.record")}
          aria-describedby={hintId}
        >
          <MicIcon />
        </button>
        <span id={hintId} className="visually-hidden">
          {mode === "toggle" ? t("chat.composer.keyboardHint") : t("chat.composer.recordHelp")}
        </span>
        {active ? (
          <>
            <span className={styles.recordingLabel} role="status">
              <span className={styles.recordingDot} aria-hidden="true" />
              {t("chat.composer.recording", { duration: elapsed })}
            </span>
            <button
              type="button"
              className={styles.roundButton}
              onClick={() => finishRecording(false)}
              aria-label={t("chat.composer.cancelRecording")}
            >
              <TrashIcon />
            </button>
          </>
        ) : (
          <>
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
                ref={moreButton}
                aria-label={t("chat.composer.attach")}
                aria-haspopup="menu"
                aria-expanded={panel === "more"}
                aria-controls={panel === "more" ? moreId : undefined}
              >
                <PlusIcon />
              </button>
            )}
          </>
        )}
      </div>
      {active && (
        <div
          className={`${styles.recordOverlay} ${cancelZone ? styles.recordCancel : ""}`}
          aria-hidden="true"
          data-testid="recording-overlay"
        >
          <span className={styles.recordIcon}>{cancelZone ? <TrashIcon /> : <MicIcon />}</span>
          {!cancelZone && (
            <span className={styles.recordLevels}>
              <span />
              <span />
              <span />
              <span />
              <span />
            </span>
          )}
          <span className={styles.recordTime}>{elapsed}</span>
          <span className={styles.recordHint}>
            {mode === "toggle"
              ? t("chat.composer.keyboardHint")
              : cancelZone
                ? t("chat.composer.releaseToCancel")
                : t("chat.composer.releaseToSend")}
          </span>
          {mode === "hold" && !cancelZone && (
            <span className={styles.recordSubHint}>{t("chat.composer.slideToCancel")}</span>
          )}
        </div>
      )}
      {tooShort && (
        <p className={styles.recordTooShort} role="status">
          {t("chat.composer.tooShort")}
        </p>
      )}
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
      {/* The files the Photo and File items pick; outside the menu, which holds only its items. */}
      <input
        ref={photoInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        aria-label={t("chat.composer.photo")}
        onChange={(e) => {
          pick(e.target.files, "image");
          e.target.value = "";
        }}
      />
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={t("chat.composer.file")}
        onChange={(e) => {
          pick(e.target.files, "file");
          e.target.value = "";
        }}
      />
      {panel === "more" && (
        <MoreMenu
          id={moreId}
          label={t("chat.composer.attach")}
          items={[
            {
              key: "photo",
              label: t("chat.composer.photo"),
              icon: <ImageIcon />,
              onSelect: () => photoInput.current?.click(),
            },
            {
              key: "file",
              label: t("chat.composer.file"),
              icon: <FileIcon />,
              onSelect: () => fileInput.current?.click(),
            },
            ...actions,
          ]}
          onDone={(refocus) => {
            setPanel("none");
            if (refocus) moreButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * The "+" panel as a menu laid out in a grid (WeChat's attachments panel): it takes the focus when
 * it opens; the arrow keys move along the tiles (↑/↓ by a row), Home/End to the ends, Escape
 * closes it and gives the focus back to the "+" button; choosing an item closes it.
 */
function MoreMenu({
  id,
  label,
  items,
  onDone,
}: {
  id: string;
  label: string;
  items: readonly ComposerAction[];
  onDone: (refocus: boolean) => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const tiles = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = tiles.indexOf(document.activeElement as HTMLElement);
    const perRow = Math.max(1, tiles.filter((tile) => tile.offsetTop === tiles[0]?.offsetTop).length);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      ArrowDown: at + perRow,
      ArrowUp: at - perRow,
      Home: 0,
      End: tiles.length - 1,
    };
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onDone(true);
      return;
    }
    if (event.key === "Tab") {
      onDone(false);
      return;
    }
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    tiles[Math.min(tiles.length - 1, Math.max(0, next))]?.focus();
  };

  return (
    <div ref={menu} id={id} role="menu" aria-label={label} className={styles.morePanel} onKeyDown={onKeyDown}>
      {items.map((item, index) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          tabIndex={index === 0 ? 0 : -1}
          className={styles.moreTile}
          onClick={() => {
            onDone(false);
            item.onSelect();
          }}
        >
          <span className={styles.moreIcon} aria-hidden="true">
            {item.icon}
          </span>
          {item.label}
        </button>
      ))}
    </div>
  );
}
