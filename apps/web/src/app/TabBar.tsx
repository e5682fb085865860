import type { ComponentType, SVGProps } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useUnreadTotal } from "../features/chats/chat-queries.ts";
import { useIncomingRequestCount } from "../features/contacts/contacts-queries.ts";
import { useUnreadCount as useMomentsUnread } from "../features/moments/moments-queries.ts";
import { Badge } from "../ui/Badge.tsx";
import { ChatsIcon, ContactsIcon, DiscoverIcon, MeIcon } from "../ui/Icons.tsx";
import { paths } from "./paths.ts";
import styles from "./TabBar.module.css";

interface Tab {
  to: string;
  label: "nav.chats" | "nav.contacts" | "nav.discover" | "nav.me";
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
}

export const TABS: readonly Tab[] = [
  { to: paths.chats, label: "nav.chats", Icon: ChatsIcon },
  { to: paths.contacts, label: "nav.contacts", Icon: ContactsIcon },
  { to: paths.discover, label: "nav.discover", Icon: DiscoverIcon },
  { to: paths.me, label: "nav.me", Icon: MeIcon },
];

/** Bottom tabs on a phone, a left rail on a wide window. */
export function TabBar() {
  const { t } = useTranslation();
  const pending = useIncomingRequestCount();
  const unread = useUnreadTotal();
  const moments = useMomentsUnread();
  return (
    <nav className={styles.bar} aria-label={t("nav.label")}>
      <ul className={styles.list}>
        {TABS.map(({ to, label, Icon }) => {
          const count =
            to === paths.contacts
              ? pending
              : to === paths.chats
                ? unread
                : to === paths.discover
                  ? moments
                  : 0;
          const countLabel =
            to === paths.chats
              ? t("nav.unread", { count })
              : to === paths.discover
                ? t("moments.newCount", { count })
                : t("nav.pendingRequests", { count });
          return (
            <li key={to} className={styles.item}>
              <NavLink
                to={to}
                className={({ isActive }) => `${styles.tab} ${isActive ? styles.active : ""}`}
                aria-label={count > 0 ? `${t(label)}, ${countLabel}` : undefined}
              >
                <span className={styles.icon}>
                  <Icon />
                  {count > 0 && (
                    <span className={styles.badge}>
                      <Badge count={count} />
                    </span>
                  )}
                </span>
                <span className={styles.label}>{t(label)}</span>
                {count > 0 && <span className="visually-hidden">, {countLabel}</span>}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
