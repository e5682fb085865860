import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { BackIcon } from "../../ui/Icons.tsx";
import styles from "./Auth.module.css";
import { Logo } from "./Logo.tsx";

/** The frame of Sign in and Sign up: back to Welcome, the logo, a title and the form. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Agora`;
  }, [title]);
  return (
    <div className={styles.screen}>
      <header className={styles.top}>
        <Link to={paths.welcome} className={styles.back} aria-label={t("common.back")}>
          <BackIcon />
        </Link>
      </header>
      <main className={styles.card}>
        <Logo size={56} />
        <h1 className={styles.title}>{title}</h1>
        <p className={styles.subtitle}>{subtitle}</p>
        {children}
      </main>
    </div>
  );
}
