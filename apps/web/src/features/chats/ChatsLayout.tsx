import { useEffect, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useMatch, useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { ChatsIcon } from "../../ui/Icons.tsx";
import styles from "./ChatsLayout.module.css";
import { ChatsScreen } from "./ChatsScreen.tsx";
import { useConversations } from "./chat-queries.ts";

/** From this width Chats shows the list and the open chat side by side (Telegram Desktop, WeChat for Windows). */
export const TWO_PANE_QUERY = "(min-width: 900px)";

/** The URLs that live in the two panes: the list, New chat, a chat and its info. */
export function isChatsPanePath(pathname: string): boolean {
  return /^\/chats(\/[^/]+(\/info)?)?\/?$/.test(pathname);
}

function subscribe(onChange: () => void) {
  const query = window.matchMedia(TWO_PANE_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Whether the window is wide enough for two panes; follows resizes. */
export function useTwoPane(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(TWO_PANE_QUERY).matches,
    () => false,
  );
}

/** The id of the chat open on the right (or on its own screen), if any. */
export function useOpenChatId(): string | undefined {
  const match = useMatch("/chats/:conversationId/*");
  const id = match?.params.conversationId;
  return id && id !== "new" ? id : undefined;
}

/**
 * Chats' frame. On a phone, one screen at a time (the list, or a chat). On a wide window, the
 * list stays on the left and the chat, New chat or group info opens on the right;
 * Alt+↑ / Alt+↓ switch to the chat above or below.
 */
export function ChatsLayout() {
  const twoPane = useTwoPane();
  const { t } = useTranslation();
  const openId = useOpenChatId();
  const navigate = useNavigate();
  const conversations = useConversations();

  useEffect(() => {
    if (!twoPane) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      const list = conversations.data ?? [];
      if (list.length === 0) return;
      const at = list.findIndex((c) => c.id === openId);
      const next =
        at === -1 ? 0 : Math.min(list.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
      const target = list[next];
      if (!target || target.id === openId) return;
      event.preventDefault();
      navigate(paths.chat(target.id));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [twoPane, conversations.data, openId, navigate]);

  if (!twoPane) return <Outlet />;
  return (
    <div className={styles.panes}>
      <div className={styles.listPane}>
        <ChatsScreen />
      </div>
      <section className={styles.chatPane} aria-label={t("chat.pane")}>
        <Outlet />
      </section>
    </div>
  );
}

/** `/chats`: the list on a phone; on a wide window the list is on the left already, so the right pane invites a pick. */
export function ChatsIndex() {
  const twoPane = useTwoPane();
  const { t } = useTranslation();
  if (!twoPane) return <ChatsScreen />;
  return (
    <div className={styles.nothingOpen}>
      <span className={styles.nothingIcon} aria-hidden="true">
        <ChatsIcon />
      </span>
      <h2 className={styles.nothingTitle}>{t("chat.selectTitle")}</h2>
      <p className={styles.nothingBody}>{t("chat.selectBody")}</p>
    </div>
  );
}
