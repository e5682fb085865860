import { Outlet, useLocation } from "react-router";
import styles from "./AppShell.module.css";
import { TABS, TabBar } from "./TabBar.tsx";

/** The signed-in frame: tabs (or rail) and the current screen. Phones hide the tabs on sub-screens. */
export function AppShell() {
  const { pathname } = useLocation();
  const atTabRoot = TABS.some((tab) => tab.to === pathname);
  return (
    <div className={`${styles.shell} ${atTabRoot ? styles.withTabs : ""}`}>
      <div className={styles.tabs}>
        <TabBar />
      </div>
      <div className={styles.screen}>
        <div className={styles.column}>
          <Outlet />
        </div>
      </div>
    </div>
  );
}
