import type { User } from "@agora/protocol/identity";
import { Avatar } from "../../ui/Avatar.tsx";
import styles from "./Me.module.css";

/** Who I am, as others see me. */
export function ProfileCard({ user }: { user: User }) {
  return (
    <section className={styles.card} aria-label={user.displayName}>
      <Avatar user={user} size="lg" />
      <div className={styles.cardText}>
        <h2 className={styles.name}>{user.displayName}</h2>
        <span className={styles.handle}>@{user.handle}</span>
      </div>
    </section>
  );
}
