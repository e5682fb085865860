import type { Conversation } from "@agora/protocol/messaging";
import { Avatar } from "../../ui/Avatar.tsx";
import { avatarColor, initialsOf } from "../../ui/avatar.ts";
import styles from "./Chats.module.css";

/** The other person's avatar, or for a group a grid of up to four members' initials. */
export function ConversationAvatar({ conversation, meId }: { conversation: Conversation; meId: string }) {
  if (conversation.type === "direct") {
    const other = conversation.members.find((m) => m.id !== meId) ?? conversation.members[0];
    return other ? (
      <Avatar user={other} size="md" />
    ) : (
      <span className={styles.groupAvatar} aria-hidden="true" />
    );
  }
  const shown = conversation.members.slice(0, 4);
  return (
    <span className={`${styles.groupAvatar} ${styles[`tiles${shown.length}`] ?? ""}`} aria-hidden="true">
      {shown.map((m) => (
        <span key={m.id} className={styles.tile} style={{ backgroundColor: avatarColor(m.id) }}>
          {Array.from(initialsOf(m.displayName))[0]}
        </span>
      ))}
    </span>
  );
}
