import type { Conversation, Message } from "@agora/protocol/messaging";
import { useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { AlertIcon, BackIcon, CheckIcon, ClockIcon, DoubleCheckIcon, MoreIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import { useWalletChatActions } from "../wallet/chat-actions.tsx";
import styles from "./Chat.module.css";
import { useTwoPane } from "./ChatsLayout.tsx";
import { Composer } from "./Composer.tsx";
import { markRead, useConversation, useLoadOlder, useMessages } from "./chat-queries.ts";
import { buildRows, type ChatRow, type Delivery, localMessage, type ShownMessage } from "./chat-rows.ts";
import { clockTime, dayKind, longDate } from "./format-time.ts";
import { ImageViewer } from "./ImageViewer.tsx";
import { MessageActions } from "./MessageActions.tsx";
import { MessageContent } from "./MessageContent.tsx";
import { lastSeqOf } from "./message-list.ts";
import { useOutbox, useOutboxItems } from "./outbox-context.ts";
import { conversationTitle, type People, recalledLine, systemLine } from "./preview.ts";
import { useNamed, usePeople } from "./use-people.ts";
import { useUploads } from "./use-uploads.ts";

const TYPING_SHOWN_MS = 4_000;
const LONG_PRESS_MS = 450;

export function ChatScreen() {
  const { t } = useTranslation();
  const id = useParams().conversationId ?? "";
  const conversation = useConversation(id);

  if (conversation.isPending) return <LoadingState />;
  if (conversation.isError) {
    return (
      <div className={styles.screen}>
        <ChatHeader title="" />
        {isApiError(conversation.error) && conversation.error.status === 404 ? (
          <EmptyState title={t("chat.gone")} />
        ) : (
          <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
        )}
      </div>
    );
  }
  return <Chat key={id} conversation={conversation.data} />;
}

function ChatHeader({
  title,
  subtitle,
  infoTo,
}: {
  title: string;
  subtitle?: string | undefined;
  infoTo?: string | undefined;
}) {
  const { t } = useTranslation();
  // Beside the list (a wide window) there is nothing to go back to.
  const twoPane = useTwoPane();
  useEffect(() => {
    if (title) document.title = `${title} · Agora`;
  }, [title]);
  return (
    <header className={`${styles.header} ${twoPane ? styles.paneHeader : ""}`}>
      {twoPane ? (
        <span />
      ) : (
        <Link to={paths.chats} className={styles.headerButton} aria-label={t("common.back")}>
          <BackIcon />
        </Link>
      )}
      <div className={styles.headerText}>
        <h1 className={styles.headerTitle}>{title}</h1>
        {subtitle && (
          <p className={styles.headerSubtitle} aria-live="polite">
            {subtitle}
          </p>
        )}
      </div>
      {infoTo ? (
        <Link to={infoTo} className={styles.headerButton} aria-label={t("chat.info")}>
          <MoreIcon />
        </Link>
      ) : (
        <span className={styles.headerButton} />
      )}
    </header>
  );
}

function Chat({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const people = usePeople(conversation);
  const messages = useMessages(conversation.id);
  const { loadOlder, loading: loadingOlder } = useLoadOlder(conversation.id);
  const outbox = useOutbox();
  const outboxItems = useOutboxItems();
  const {
    uploads,
    start: startUpload,
    retry: retryUpload,
    cancel: cancelUpload,
  } = useUploads(conversation.id);
  const [typing, setTyping] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [acting, setActing] = useState<Message | null>(null);
  const walletActions = useWalletChatActions(conversation);

  const other = conversation.type === "direct" ? conversation.members.find((m) => m.id !== me.id) : undefined;
  const title = conversationTitle(conversation, me.id);
  const readUpTo = other ? (conversation.readSeqs[other.id] ?? 0) : 0;
  const items = messages.data?.items;

  // Typing: shown for a few seconds after each frame, gone at once when their message lands.
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useRealtimeEvent("typing", ({ conversationId, userId }) => {
    if (conversationId !== conversation.id || userId === me.id) return;
    setTyping(userId);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
  });
  useRealtimeEvent("message.new", ({ message }) => {
    if (message.conversationId === conversation.id && message.senderId === typing) setTyping(null);
  });
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  // Left the group or removed from it: back to the list.
  useRealtimeEvent("conversation.removed", ({ conversationId }) => {
    if (conversationId === conversation.id) navigate(paths.chats, { replace: true });
  });

  // Read receipts: what is on screen while the tab is visible and focused counts as read.
  const lastSeq = items ? lastSeqOf(items) : 0;
  const reported = useRef(conversation.readSeq);
  useEffect(() => {
    const report = () => {
      if (document.visibilityState !== "visible" || !document.hasFocus()) return;
      if (lastSeq <= reported.current) return;
      reported.current = lastSeq;
      void markRead(qc, me.id, conversation.id, lastSeq).catch(() => {
        reported.current = 0; // try again on the next change or focus
      });
    };
    report();
    window.addEventListener("focus", report);
    document.addEventListener("visibilitychange", report);
    return () => {
      window.removeEventListener("focus", report);
      document.removeEventListener("visibilitychange", report);
    };
  }, [lastSeq, qc, me.id, conversation.id]);

  const pending = useMemo<ShownMessage[]>(() => {
    const queued = outboxItems
      .filter((i) => i.conversationId === conversation.id)
      .map<ShownMessage>((i) => ({
        key: `c:${i.clientId}`,
        message: localMessage(i, me.id),
        delivery: i.error ? "failed" : "pending",
        error: i.error,
      }));
    const uploading = uploads.map<ShownMessage>((u) => ({
      key: `c:${u.clientId}`,
      message: {
        ...localMessage(
          {
            clientId: u.clientId,
            conversationId: u.conversationId,
            kind: u.kind,
            createdAt: u.createdAt,
            payload: { ...u.meta },
          },
          me.id,
        ),
      },
      delivery: u.error ? "failed" : "uploading",
      error: u.error,
      progress: u.progress,
      localUrl: u.localUrl,
    }));
    return [...queued, ...uploading].sort((a, b) => a.message.createdAt.localeCompare(b.message.createdAt));
  }, [outboxItems, uploads, conversation.id, me.id]);

  const rows = useMemo(
    () => buildRows(items ?? [], pending, me.id, readUpTo),
    [items, pending, me.id, readUpTo],
  );

  const sendText = (text: string) =>
    outbox.enqueue({
      clientId: crypto.randomUUID(),
      conversationId: conversation.id,
      kind: "text",
      text,
      createdAt: new Date().toISOString(),
    });

  const subtitle = typing
    ? conversation.type === "group"
      ? t("chat.typingName", { name: people.nameOf(typing) })
      : t("chat.typing")
    : conversation.type === "group"
      ? t("chat.members", { count: conversation.members.length })
      : undefined;

  return (
    <div className={styles.screen}>
      <ChatHeader
        title={title}
        subtitle={subtitle}
        infoTo={
          conversation.type === "group"
            ? paths.chatInfo(conversation.id)
            : other
              ? paths.contact(other.id)
              : undefined
        }
      />
      {messages.isPending ? (
        <div className={styles.scroller}>
          <LoadingState />
        </div>
      ) : messages.isError ? (
        <div className={styles.scroller}>
          <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
        </div>
      ) : (
        <MessageScroller
          rows={rows}
          conversation={conversation}
          people={people}
          hasOlder={messages.data.hasOlder}
          loadingOlder={loadingOlder}
          onLoadOlder={() => void loadOlder()}
          onOpenImage={setViewing}
          onActions={setActing}
          onRetry={(item) =>
            item.delivery === "failed" && item.progress !== undefined
              ? retryUpload(item.message.clientId)
              : outbox.retry(item.message.clientId)
          }
          onDiscard={(item) =>
            item.progress !== undefined
              ? cancelUpload(item.message.clientId)
              : outbox.discard(item.message.clientId)
          }
          emptyText={other ? t("chat.start", { name: other.displayName }) : t("chat.startGroup")}
        />
      )}
      <Composer
        conversationId={conversation.id}
        onText={sendText}
        onSticker={(stickerId) =>
          outbox.enqueue({
            clientId: crypto.randomUUID(),
            conversationId: conversation.id,
            kind: "sticker",
            payload: { stickerId },
            createdAt: new Date().toISOString(),
          })
        }
        onUpload={startUpload}
        actions={walletActions}
      />
      <ImageViewer src={viewing} onClose={() => setViewing(null)} />
      <MessageActions
        message={acting}
        group={conversation.type === "group"}
        onClose={() => setActing(null)}
      />
    </div>
  );
}

interface ScrollerProps {
  rows: ChatRow[];
  conversation: Conversation;
  people: People;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onOpenImage: (src: string) => void;
  onActions: (message: Message) => void;
  onRetry: (item: ShownMessage) => void;
  onDiscard: (item: ShownMessage) => void;
  emptyText: string;
}

/**
 * The scrolling history. Opens at the bottom and stays there as messages come (unless the
 * reader scrolled up); loading older messages at the top keeps what is on screen in place.
 */
function MessageScroller(props: ScrollerProps) {
  const { t, i18n } = useTranslation();
  const { rows, hasOlder, loadingOlder, onLoadOlder } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const before = useRef<{ firstKey?: string | undefined; height: number; top: number }>({
    height: 0,
    top: 0,
  });

  const messageRows = rows.filter((r) => r.type === "message");
  const firstKey = messageRows[0]?.key;
  const lastRow = messageRows.at(-1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const prev = before.current;
    if (prev.firstKey !== undefined && firstKey !== prev.firstKey && prev.height > 0 && !atBottom.current) {
      // Older messages went in above: keep the same message under the reader's eyes.
      el.scrollTop = prev.top + (el.scrollHeight - prev.height);
    } else if (
      atBottom.current ||
      (lastRow?.type === "message" &&
        lastRow.item.delivery &&
        lastRow.item.delivery !== "read" &&
        lastRow.item.delivery !== "sent")
    ) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    }
    before.current = { firstKey, height: el.scrollHeight, top: el.scrollTop };
  }, [rows, firstKey, lastRow]);

  // Photos load after layout: stay pinned to the bottom while they grow.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
      before.current = { ...before.current, height: el.scrollHeight, top: el.scrollTop };
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    before.current = { ...before.current, height: el.scrollHeight, top: el.scrollTop };
    if (el.scrollTop < 240 && hasOlder && !loadingOlder) onLoadOlder();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  const now = new Date();
  return (
    <div ref={scroller} className={styles.scroller} onScroll={onScroll}>
      {loadingOlder && (
        <p className={styles.olderStatus} role="status">
          {t("chat.loadingOlder")}
        </p>
      )}
      {messageRows.length === 0 && <p className={styles.emptyChat}>{props.emptyText}</p>}
      <ol ref={content} className={styles.messages} role="log" aria-label={t("chat.messages")}>
        {rows.map((row) =>
          row.type === "day" ? (
            <li key={row.key} className={styles.day}>
              <span>
                {dayKind(row.date, now) === "today"
                  ? t("chat.today")
                  : dayKind(row.date, now) === "yesterday"
                    ? t("chat.yesterday")
                    : longDate(row.date, now, i18n.language)}
              </span>
            </li>
          ) : (
            <MessageRow key={row.key} row={row} {...props} />
          ),
        )}
      </ol>
    </div>
  );
}

function MessageRow({
  row,
  conversation,
  onOpenImage,
  onActions,
  onRetry,
  onDiscard,
  people: conversationPeople,
}: ScrollerProps & { row: Extract<ChatRow, { type: "message" }> }) {
  const { t, i18n } = useTranslation();
  const { item, firstOfRun, lastOfRun } = row;
  const { message } = item;
  const mentioned =
    message.kind === "system" && Array.isArray(message.payload?.userIds) ? message.payload.userIds : [];
  const people = useNamed(conversationPeople, [
    message.senderId,
    ...mentioned.filter((id): id is string => typeof id === "string"),
  ]);
  const mine = message.senderId === people.meId;
  const press = useRef<ReturnType<typeof setTimeout>>(undefined);

  if (message.kind === "system" || message.recalled) {
    return (
      <li className={styles.systemLine}>
        <span>{message.recalled ? recalledLine(t, message, people) : systemLine(t, message, people)}</span>
      </li>
    );
  }

  const sender = conversation.members.find((m) => m.id === message.senderId) ?? {
    id: message.senderId,
    displayName: people.nameOf(message.senderId),
  };
  const isSticker = message.kind === "sticker";
  // Wallet cards (transfer, red packet) sit in the bubble edge to edge, like a photo.
  const isMedia = message.kind === "image" || message.kind === "transfer" || message.kind === "red_packet";
  const time = clockTime(new Date(message.createdAt), i18n.language);
  const openActions = () => {
    if (!message.id.startsWith("local:")) onActions(message);
  };

  return (
    <li
      className={`${styles.messageRow} ${mine ? styles.mine : styles.theirs} ${firstOfRun ? styles.firstOfRun : ""} ${lastOfRun ? styles.lastOfRun : ""}`}
    >
      {!mine && <span className={styles.avatarSlot}>{firstOfRun && <Avatar user={sender} size="sm" />}</span>}
      <div className={styles.stack}>
        {!mine && conversation.type === "group" && firstOfRun && (
          <span className={styles.senderName}>{sender.displayName}</span>
        )}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: long press and right click open the same actions as the keyboard's context-menu key. */}
        <div
          className={`${styles.bubble} ${isSticker ? styles.bare : ""} ${isMedia ? styles.mediaBubble : ""} ${item.delivery === "failed" ? styles.failedBubble : ""}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a message is focusable so the keyboard can reach its actions.
          tabIndex={0}
          aria-label={undefined}
          onContextMenu={(event) => {
            event.preventDefault();
            openActions();
          }}
          onKeyDown={(event) => {
            if (event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) {
              event.preventDefault();
              openActions();
            }
          }}
          onPointerDown={(event) => {
            if (event.pointerType === "mouse") return;
            clearTimeout(press.current);
            press.current = setTimeout(openActions, LONG_PRESS_MS);
          }}
          onPointerUp={() => clearTimeout(press.current)}
          onPointerLeave={() => clearTimeout(press.current)}
          onPointerCancel={() => clearTimeout(press.current)}
        >
          <MessageContent message={message} localUrl={item.localUrl} onOpenImage={onOpenImage} />
          {item.delivery === "uploading" && item.progress !== undefined && (
            <span
              className={styles.progress}
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(item.progress * 100)}
              aria-label={t("chat.uploading", { percent: Math.round(item.progress * 100) })}
            >
              <span
                className={styles.progressFill}
                style={{ width: `${Math.round(item.progress * 100)}%` }}
              />
            </span>
          )}
          <span className={styles.meta}>
            <time dateTime={message.createdAt}>{time}</time>
            {mine && item.delivery && <DeliveryMark delivery={item.delivery} />}
          </span>
        </div>
        {item.delivery === "failed" && (
          <div className={styles.failed} role="alert">
            <span>
              {item.error === "too_large"
                ? t("chat.tooLarge")
                : item.error === "failed"
                  ? t("chat.uploadFailed")
                  : t("chat.failedHint", { reason: errorText(t, item.error) })}
            </span>
            {item.error !== "too_large" && (
              <button type="button" className={styles.linkButton} onClick={() => onRetry(item)}>
                {t("chat.retry")}
              </button>
            )}
            <button type="button" className={styles.linkButton} onClick={() => onDiscard(item)}>
              {t("chat.delete")}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

function errorText(t: TFunction, code: string | undefined): string {
  switch (code) {
    case "not_contacts":
      return t("chat.errors.not_contacts");
    case "blocked":
      return t("chat.errors.blocked");
    case "conversation_not_found":
      return t("chat.errors.conversation_not_found");
    default:
      return t("chat.errors.other");
  }
}

/** ◷ sending, ✓ sent, ✓✓ read: an image with a name for screen readers and tests alike. */
function DeliveryMark({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const label =
    delivery === "read"
      ? t("chat.status.read")
      : delivery === "sent"
        ? t("chat.status.sent")
        : delivery === "failed"
          ? t("chat.status.failed")
          : t("chat.status.pending");
  return (
    <span className={`${styles.delivery} ${styles[delivery]}`} role="img" aria-label={label} title={label}>
      {delivery === "read" ? (
        <DoubleCheckIcon />
      ) : delivery === "sent" ? (
        <CheckIcon />
      ) : delivery === "failed" ? (
        <AlertIcon />
      ) : (
        <ClockIcon />
      )}
    </span>
  );
}
