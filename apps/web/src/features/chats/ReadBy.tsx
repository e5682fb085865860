import type { User } from "@agora/protocol/identity";
import { type Message, messagingRoutes } from "@agora/protocol/messaging";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { call } from "../../api/client.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import styles from "./Chat.module.css";

/** Who has read my group message and who not yet (asked of the server when the sheet opens). */
export function ReadByDialog({
  open,
  message,
  onClose,
}: {
  open: boolean;
  message: Message | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const reads = useQuery({
    queryKey: ["message-reads", message?.id ?? ""],
    queryFn: () =>
      call(messagingRoutes.messageReads, {
        params: { id: message?.conversationId ?? "", messageId: message?.id ?? "" },
      }),
    enabled: open && message !== null,
    staleTime: 0,
    // Group receipts don't reach the sender live: while the sheet is open, ask again now and then.
    refetchInterval: open ? 4_000 : false,
  });

  return (
    <Dialog open={open} title={t("chat.readBy.title")} onClose={onClose}>
      <div className={styles.readBy}>
        {reads.isPending ? (
          <LoadingState />
        ) : reads.isError ? (
          <ErrorState error={reads.error} onRetry={() => void reads.refetch()} />
        ) : (
          <>
            <ReadList
              title={t("chat.readBy.read", { count: reads.data.readBy.length })}
              empty={t("chat.readBy.noneRead")}
              users={reads.data.readBy}
            />
            <ReadList
              title={t("chat.readBy.unread", { count: reads.data.unreadBy.length })}
              empty={t("chat.readBy.allRead")}
              users={reads.data.unreadBy}
            />
          </>
        )}
        <Button variant="plain" block onClick={onClose}>
          {t("chat.readBy.close")}
        </Button>
      </div>
    </Dialog>
  );
}

function ReadList({ title, empty, users }: { title: string; empty: string; users: readonly User[] }) {
  return (
    <section className={styles.readSection} aria-label={title}>
      <h3 className={styles.readTitle}>{title}</h3>
      {users.length === 0 ? (
        <p className={styles.readEmpty}>{empty}</p>
      ) : (
        <ul className={styles.readList}>
          {users.map((user) => (
            <li key={user.id} className={styles.readPerson}>
              <Avatar user={user} size="sm" />
              <span>{user.displayName}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
