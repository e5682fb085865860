import type { Conversation } from "@agora/protocol/messaging";
import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Badge } from "../../ui/Badge.tsx";
import { buttonClass } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { AlertIcon, ChatsIcon, ClockIcon, ComposeIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { barIconButton, Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Chats.module.css";
import { useOpenChatId, useTwoPane } from "./ChatsLayout.tsx";
import { ConversationAvatar } from "./ConversationAvatar.tsx";
import { useConversations } from "./chat-queries.ts";
import { listDate } from "./format-time.ts";
import type { OutboxItem } from "./outbox.ts";
import { useOutboxItems } from "./outbox-context.ts";
import { conversationTitle, listPreview } from "./preview.ts";
import { usePeople } from "./use-people.ts";

export function ChatsScreen() {
  const { t } = useTranslation();
  const conversations = useConversations();
  const outbox = useOutboxItems();
  const twoPane = useTwoPane();
  const openId = useOpenChatId();

  return (
    <Page
      title={t("chats.title")}
      action={
        <Link to={paths.newChat} className={barIconButton} aria-label={t("chats.newChat")}>
          <ComposeIcon />
        </Link>
      }
    >
      {conversations.isPending ? (
        <LoadingState />
      ) : conversations.isError ? (
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      ) : conversations.data.length === 0 ? (
        <EmptyState
          icon={<ChatsIcon />}
          title={t("chats.emptyTitle")}
          body={t("chats.emptyBody")}
          action={
            <Link to={paths.newChat} className={buttonClass("primary")}>
              {t("chats.emptyAction")}
            </Link>
          }
        />
      ) : (
        <ul
          className={`${styles.list} ${twoPane ? styles.inPane : ""}`}
          aria-label={t("chats.title")}
          onKeyDown={moveFocus}
        >
          {conversations.data.map((c) => (
            <ConversationRow
              key={c.id}
              conversation={c}
              selected={c.id === openId}
              pending={outbox.filter((i) => i.conversationId === c.id)}
            />
          ))}
        </ul>
      )}
    </Page>
  );
}

/** ↑ / ↓ (and Home / End) move between the rows; Enter opens the focused one. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
  if (!keys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[href]")];
  const at = rows.indexOf(document.activeElement as HTMLAnchorElement);
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? rows.length - 1
        : Math.min(rows.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
  event.preventDefault();
  rows[next]?.focus();
}

function ConversationRow({
  conversation,
  selected,
  pending,
}: {
  conversation: Conversation;
  selected: boolean;
  pending: readonly OutboxItem[];
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const people = usePeople(conversation);
  const title = conversationTitle(conversation, me.id);
  const last = conversation.lastMessage;
  const queued = pending.at(-1);
  const failed = pending.some((i) => i.error);
  const preview = queued
    ? queued.kind === "text"
      ? (queued.text ?? "")
      : t(
          `chats.preview.${queued.kind === "image" ? "photo" : queued.kind === "sticker" ? "sticker" : queued.kind === "voice" ? "voice" : "fileUnnamed"}`,
        )
    : last
      ? listPreview(t, conversation, last, people)
      : t("chats.preview.noMessages");
  const when = queued?.createdAt ?? last?.createdAt ?? conversation.updatedAt;
  const time = listDate(new Date(when), new Date(), i18n.language);
  const unread = conversation.unread;
  const label = [
    title,
    unread > 0 ? t("chats.unread", { count: unread }) : null,
    failed ? t("chats.preview.failed") : queued ? t("chats.preview.sending") : null,
    preview,
    time,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <li className={styles.item}>
      <Link
        to={paths.chat(conversation.id)}
        className={`${styles.row} ${selected ? styles.selected : ""}`}
        aria-label={label}
        aria-current={selected ? "page" : undefined}
      >
        <span className={styles.avatar}>
          <ConversationAvatar conversation={conversation} meId={me.id} />
        </span>
        <span className={styles.body}>
          <span className={styles.top}>
            <span className={styles.name}>{title}</span>
            <span className={styles.time}>{time}</span>
          </span>
          <span className={styles.bottom}>
            <span className={styles.preview}>
              {failed ? (
                <AlertIcon className={styles.previewIconFailed} />
              ) : queued ? (
                <ClockIcon className={styles.previewIcon} />
              ) : null}
              <span className={styles.previewText}>{preview}</span>
            </span>
            <Badge count={unread} />
          </span>
        </span>
      </Link>
    </li>
  );
}
