import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { ChevronIcon } from "../../ui/Icons.tsx";
import styles from "./Moments.module.css";
import { useUserMoments } from "./moments-queries.ts";

/**
 * On a contact's profile: "Moments" with their latest photos, leading to their moments, and
 * "Moments permissions" (hide mine from them, theirs from me).
 */
export function ProfileMomentsRows({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const moments = useUserMoments(userId);
  const thumbs = (moments.data?.pages[0]?.items ?? []).flatMap((m) => m.media).slice(0, 4);
  const texts = (moments.data?.pages[0]?.items ?? []).filter((m) => m.text).slice(0, 1);
  const from = { from: paths.contact(userId) };
  return (
    <ul className={styles.profileRows}>
      <li>
        <Link to={paths.userMoments(userId)} state={from} className={styles.profileRow}>
          <span className={styles.profileLabel}>{t("moments.title")}</span>
          <span className={styles.profileThumbs}>
            {thumbs.length > 0
              ? thumbs.map((m) => <img key={m.id} src={m.thumbUrl} alt="" className={styles.profileThumb} />)
              : texts.map((m) => (
                  <span key={m.id} className={styles.profileExcerpt}>
                    {m.text}
                  </span>
                ))}
          </span>
          <ChevronIcon className={styles.profileChevron} />
        </Link>
      </li>
      <li>
        <Link to={paths.momentsPermissions(userId)} className={styles.profileRow}>
          <span className={styles.profileLabel}>{t("moments.permissions.title")}</span>
          <span className={styles.profileThumbs} />
          <ChevronIcon className={styles.profileChevron} />
        </Link>
      </li>
    </ul>
  );
}
