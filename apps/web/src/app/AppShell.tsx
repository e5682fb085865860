import { Outlet, useLocation } from "react-router";
import { isChatsPanePath } from "../features/chats/ChatsLayout.tsx";
import { useChatEvents } from "../features/chats/use-chat-events.ts";
import { useContactEvents } from "../features/contacts/use-contact-events.ts";
import { useMomentEvents } from "../features/moments/use-moment-events.ts";
import { useWalletEvents } from "../features/wallet/use-wallet-events.ts";
import { ConnectionBanner } from "../realtime/ConnectionBanner.tsx";
import styles from "./AppShell.module.css";
import { TABS, TabBar } from "./TabBar.tsx";

/** The signed-in frame: tabs (or rail) and the current screen. Phones hide the tabs on sub-screens. */
export function AppShell() {
  const { pathname } = useLocation();
  const atTabRoot = TABS.some((tab) => tab.to === pathname);
  useChatEvents();
  useContactEvents();
  useWalletEvents();
  useMomentEvents();
  return (
    <div className={`${styles.shell} ${atTabRoot ? styles.withTabs : ""}`}>
      <ConnectionBanner />
      <div className={styles.tabs}>
        <TabBar />
      </div>
      <div className={styles.screen}>
        <div className={`${styles.column} ${isChatsPanePath(pathname) ? styles.panes : ""}`}>
          <Outlet />
        </div>
      </div>
    </div>
  );
}
