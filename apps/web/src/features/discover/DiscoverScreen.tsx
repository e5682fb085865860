import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { MiniAppsIcon, MomentsIcon, ScanIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { Page } from "../../ui/Page.tsx";
import styles from "./Discover.module.css";

/** What's coming, said plainly: the tiles are not links until the features exist. */
export function DiscoverScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t("discover.title")}>
      <p className={styles.intro}>{t("discover.intro")}</p>
      <ul className={styles.tiles}>
        <Tile
          icon={<MomentsIcon />}
          tone="orange"
          title={t("discover.moments")}
          body={t("discover.momentsBody")}
        />
        <Tile icon={<ScanIcon />} tone="blue" title={t("discover.scan")} body={t("discover.scanBody")} />
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
}: {
  icon: ReactNode;
  tone: "orange" | "blue" | "purple";
  title: string;
  body: string;
}) {
  const { t } = useTranslation();
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
