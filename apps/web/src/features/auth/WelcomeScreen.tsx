import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { buttonClass } from "../../ui/Button.tsx";
import { ChatsIcon, MiniAppsIcon, MomentsIcon } from "../../ui/Icons.tsx";
import styles from "./Auth.module.css";
import { Logo } from "./Logo.tsx";
import { safeNext, withNext } from "./return-to.ts";

export function WelcomeScreen() {
  const { t } = useTranslation();
  const returnTo = safeNext(useSearchParams()[0].get("next"));
  useEffect(() => {
    document.title = "Agora";
  }, []);
  return (
    <div className={styles.screen}>
      <main className={styles.welcome}>
        <div className={styles.hero}>
          <Logo size={88} />
          <h1 className={styles.brand}>{t("app.name")}</h1>
          <p className={styles.tagline}>{t("app.tagline")}</p>
        </div>
        <ul className={styles.points}>
          <li>
            <ChatsIcon /> {t("welcome.points.chat")}
          </li>
          <li>
            <MomentsIcon /> {t("welcome.points.moments")}
          </li>
          <li>
            <MiniAppsIcon /> {t("welcome.points.miniApps")}
          </li>
        </ul>
        <div className={styles.actions}>
          <Link to={withNext(paths.signUp, returnTo)} className={buttonClass("primary", "lg", true)}>
            {t("welcome.signUp")}
          </Link>
          <Link to={withNext(paths.signIn, returnTo)} className={buttonClass("tonal", "lg", true)}>
            {t("welcome.signIn")}
          </Link>
        </div>
      </main>
    </div>
  );
}
