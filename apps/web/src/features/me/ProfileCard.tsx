import type { User } from "@agora/protocol/identity";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { EditIcon } from "../../ui/Icons.tsx";
import styles from "./Me.module.css";

/** Who I am, as others see me; tapping the avatar changes the photo. */
export function ProfileCard({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <section className={styles.card} aria-label={user.displayName}>
      <Link to={paths.profilePhoto} className={styles.cardAvatar} aria-label={t("me.photoChange")}>
        <Avatar user={user} size="lg" />
        <span className={styles.cardAvatarBadge} aria-hidden="true">
          <EditIcon />
        </span>
      </Link>
      <div className={styles.cardText}>
        <h2 className={styles.name}>{user.displayName}</h2>
        <span className={styles.handle}>@{user.handle}</span>
      </div>
    </section>
  );
}
