/** Browser notifications for messages that arrive while the tab is hidden; opt-in from Me. */

const KEY = "agora.notifications";

export function notificationsSupported(): boolean {
  return typeof Notification !== "undefined";
}

export function notificationsWanted(): boolean {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

/** Turning on asks for permission, so it must run from a click. Resolves whether they are on. */
export async function setNotificationsWanted(on: boolean): Promise<boolean> {
  let granted = false;
  if (on && notificationsSupported()) {
    granted = (await Notification.requestPermission()) === "granted";
  }
  try {
    localStorage.setItem(KEY, on && granted ? "on" : "off");
  } catch {
    // Not remembered: they stay off after a reload.
  }
  return on && granted;
}

export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== "granted" || !notificationsWanted()) return;
  const notification = new Notification(title, { body, tag, icon: "/icons/icon-192.png" });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
