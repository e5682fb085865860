import type { User } from "@agora/protocol/identity";
import styles from "./Avatar.module.css";
import { avatarColor, initialsOf } from "./avatar.ts";

type AvatarSize = "sm" | "md" | "lg" | "xl";

/** Initials on a colour derived from the id; the name is said by the row next to it. */
export function Avatar({ user, size = "md" }: { user: Pick<User, "id" | "displayName">; size?: AvatarSize }) {
  return (
    <span
      className={`${styles.avatar} ${styles[size]}`}
      style={{ backgroundColor: avatarColor(user.id) }}
      aria-hidden="true"
    >
      {initialsOf(user.displayName)}
    </span>
  );
}
