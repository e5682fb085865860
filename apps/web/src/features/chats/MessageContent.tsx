import type { Message } from "@agora/protocol/messaging";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { queryKeys } from "../../api/query-keys.ts";
import { FileIcon, PauseIcon, PlayIcon } from "../../ui/Icons.tsx";
import { RedPacketCard, TransferCard } from "../wallet/ChatCards.tsx";
import styles from "./Chat.module.css";
import { formatDuration, formatSize } from "./format-time.ts";
import { linkify } from "./linkify.ts";
import { mediaThumbUrl, mediaUrl, metaOf } from "./media.ts";
import { Sticker } from "./Sticker.tsx";
import { isStickerId } from "./stickers.ts";

/** Text with its links as real anchors, built as React nodes (no HTML is ever parsed). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.type === "link" ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" className={styles.link}>
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** What goes inside a bubble, by kind. `localUrl` is the not-yet-uploaded file. */
export function MessageContent({
  message,
  localUrl,
  onOpenImage,
}: {
  message: Message;
  localUrl?: string | undefined;
  onOpenImage: (src: string) => void;
}) {
  const { t } = useTranslation();
  const meta = metaOf(message.mediaId, message.payload);
  let media: ReactNode = null;
  switch (message.kind) {
    case "image": {
      const src = localUrl ?? (message.mediaId ? mediaThumbUrl(message.mediaId) : "");
      const full = localUrl ?? (message.mediaId ? mediaUrl(message.mediaId) : "");
      const ratio = meta.width && meta.height ? `${meta.width} / ${meta.height}` : undefined;
      media = (
        <button
          type="button"
          className={styles.imageButton}
          onClick={() => onOpenImage(full)}
          aria-label={t("chat.openPhoto")}
        >
          <img
            src={src}
            alt={t("chat.photo")}
            className={styles.image}
            style={ratio ? { aspectRatio: ratio } : undefined}
            draggable={false}
          />
        </button>
      );
      break;
    }
    case "voice":
      media = (
        <VoicePlayer
          src={localUrl ?? (message.mediaId ? mediaUrl(message.mediaId) : "")}
          durationMs={meta.durationMs}
        />
      );
      break;
    case "file":
      media = message.mediaId ? (
        <FileCard mediaId={message.mediaId} name={meta.name} size={meta.size} />
      ) : (
        <FileCard name={meta.name} size={meta.size} />
      );
      break;
    case "sticker":
      return (
        <span
          className={styles.sticker}
          role="img"
          aria-label={t("chat.sticker", { name: stickerName(t, message.payload?.stickerId) })}
        >
          <Sticker
            id={isStickerId(message.payload?.stickerId) ? message.payload.stickerId : null}
            size={112}
          />
        </span>
      );
    case "miniapp_card":
      media = (
        <span className={styles.card}>
          <span className={styles.cardKind}>{t("chats.preview.miniApp", { title: "" }).trim()}</span>
          <span className={styles.cardTitle}>{String(message.payload?.title ?? "")}</span>
        </span>
      );
      break;
    case "transfer":
      return <TransferCard message={message} />;
    case "red_packet":
      return <RedPacketCard message={message} />;
    default:
      break;
  }
  return (
    <>
      {media}
      {message.text && (
        <span className={styles.text}>
          <LinkedText text={message.text} />
        </span>
      )}
    </>
  );
}

function stickerName(t: TFunction, id: unknown): string {
  switch (id) {
    case "wave":
    case "laugh":
    case "love":
    case "thumbs_up":
    case "party":
    case "cry":
    case "angry":
    case "sleepy":
      return t(`chat.stickers.${id}`);
    default:
      return "";
  }
}

export { stickerName };

/**
 * A voice note: play/pause, progress and its length. Browsers' MediaRecorder files often say
 * their duration is Infinity until read through, so a known duration wins.
 */
function VoicePlayer({ src, durationMs }: { src: string; durationMs?: number | undefined }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [length, setLength] = useState(durationMs ? durationMs / 1000 : 0);

  useEffect(() => {
    if (durationMs) setLength(durationMs / 1000);
  }, [durationMs]);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };

  const fraction = length > 0 ? Math.min(1, position / length) : 0;
  return (
    <span className={styles.voice}>
      <button
        type="button"
        className={styles.voiceButton}
        onClick={toggle}
        aria-label={playing ? t("chat.pause") : t("chat.play")}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <span className={styles.voiceTrack} aria-hidden="true">
        {BARS.map((h, i) => (
          <span
            key={i}
            className={`${styles.voiceBar} ${i / BARS.length < fraction ? styles.voiceBarPlayed : ""}`}
            style={{ height: `${h}px` }}
          />
        ))}
      </span>
      <span className={styles.voiceTime}>{formatDuration((playing ? position : length) * 1000)}</span>
      {/* biome-ignore lint/a11y/useMediaCaption: a voice note has no captions; the button above plays it. */}
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0 && !durationMs) setLength(d);
        }}
        onDurationChange={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0 && !durationMs) setLength(d);
        }}
      />
    </span>
  );
}

const BARS = [6, 10, 14, 9, 16, 12, 18, 11, 8, 14, 17, 10, 7, 12, 15, 9, 6, 11];

/**
 * A file: icon, name, size and a download link. Messages don't carry the name yet, so when this
 * device didn't upload it, a HEAD request reads it from the download's headers.
 */
function FileCard({
  mediaId,
  name,
  size,
}: {
  mediaId?: string;
  name?: string | undefined;
  size?: number | undefined;
}) {
  const { t, i18n } = useTranslation();
  const info = useQuery({
    queryKey: queryKeys.fileInfo(mediaId ?? ""),
    queryFn: async () => {
      const res = await fetch(mediaUrl(mediaId ?? ""), { method: "HEAD", credentials: "same-origin" });
      const disposition = res.headers.get("content-disposition") ?? "";
      const star = disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
      const plain = disposition.match(/filename="([^"]*)"/i)?.[1];
      return {
        name: star ? decodeURIComponent(star) : (plain ?? null),
        size: Number(res.headers.get("content-length")) || null,
      };
    },
    enabled: Boolean(mediaId) && (!name || size === undefined),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const shownName = name ?? info.data?.name ?? t("chat.file");
  const shownSize = size ?? info.data?.size ?? undefined;
  const body = (
    <>
      <span className={styles.fileIcon}>
        <FileIcon />
      </span>
      <span className={styles.fileText}>
        <span className={styles.fileName}>{shownName}</span>
        {shownSize !== undefined && (
          <span className={styles.fileSize}>{formatSize(shownSize, i18n.language)}</span>
        )}
      </span>
    </>
  );
  return mediaId ? (
    <a
      className={styles.file}
      href={mediaUrl(mediaId)}
      download={shownName}
      aria-label={t("chat.download", { name: shownName })}
    >
      {body}
    </a>
  ) : (
    <span className={styles.file}>{body}</span>
  );
}
