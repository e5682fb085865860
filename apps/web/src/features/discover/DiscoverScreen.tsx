import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Badge } from "../../ui/Badge.tsx";
import { MiniAppsIcon, MomentsIcon, ScanIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { Page } from "../../ui/Page.tsx";
import { useUnreadCount } from "../moments/moments-queries.ts";
import styles from "./Discover.module.css";

/** What's coming, said plainly: the tiles are not links until the features exist. */
export function DiscoverScreen() {
  const { t } = useTranslation();
  const momentsUnread = useUnreadCount();
  return (
    <Page title={t("discover.title")}>
      <p className={styles.intro}>{t("discover.intro")}</p>
      <ul className={styles.tiles}>
        <Tile
          icon={<MomentsIcon />}
          tone="orange"
          title={t("discover.moments")}
          body={t("discover.momentsBody")}
          to={paths.moments}
          badge={momentsUnread}
          badgeLabel={t("moments.newCount", { count: momentsUnread })}
        />
        <Tile
          icon={<ScanIcon />}
          tone="blue"
          title={t("discover.scan")}
          body={t("discover.scanBody")}
          to={paths.scan}
        />
        <Tile
          icon={<MiniAppsIcon />}
          tone="purple"
          title={t("discover.miniApps")}
          body={t("discover.miniAppsBody")}
        />
      </ul>
    </Page>
  );
}

function Tile({
  icon,
  tone,
  title,
  body,
  to,
  badge = 0,
  badgeLabel,
}: {
  icon: ReactNode;
  tone: "orange" | "blue" | "purple";
  title: string;
  body: string;
  /** Where the tile leads once the feature exists (no "Coming soon" then). */
  to?: string;
  badge?: number;
  badgeLabel?: string;
}) {
  const { t } = useTranslation();
  if (to) {
    return (
      <li className={styles.item}>
        <Link
          to={to}
          className={`${styles.tile} ${styles.link}`}
          aria-label={badge > 0 && badgeLabel ? `${title}, ${badgeLabel}` : undefined}
        >
          <IconTile tone={tone} large>
            {icon}
          </IconTile>
          <div className={styles.text}>
            <h2 className={styles.title}>{title}</h2>
            <p className={styles.body}>{body}</p>
          </div>
          <Badge count={badge} />
        </Link>
      </li>
    );
  }
  return (
    <li className={styles.tile}>
      <IconTile tone={tone} large>
        {icon}
      </IconTile>
      <div className={styles.text}>
        <h2 className={styles.title}>{title}</h2>
        <p className={styles.body}>{body}</p>
      </div>
      <span className={styles.soon}>{t("discover.comingSoon")}</span>
    </li>
  );
}
