import { useQueryClient } from "@tanstack/react-query";
import { useRealtimeEvent } from "../../realtime/realtime-context.ts";
import { momentKeys, type NotificationPage, type Pages, prependNotification } from "./moments-cache.ts";
import { isMomentCached, refreshMoment } from "./moments-queries.ts";

/**
 * A like or comment on my moment (or a reply to me) arrives over the socket: the badge and the
 * list update, and the moment's card shows the new like or comment without a reload.
 */
export function useMomentEvents(): void {
  const qc = useQueryClient();
  useRealtimeEvent("moment.notification", ({ notification }) => {
    qc.setQueryData<Pages<NotificationPage>>(momentKeys.notifications, (d) =>
      prependNotification(d, notification),
    );
    // The count is asked again rather than incremented: a replayed event can't count twice.
    void qc.invalidateQueries({ queryKey: momentKeys.unread });
    if (isMomentCached(qc, notification.momentId)) {
      void refreshMoment(qc, notification.momentId).catch(() => undefined);
    }
  });
  useRealtimeEvent("synced", ({ fresh }) => {
    if (fresh) void qc.invalidateQueries({ queryKey: momentKeys.unread });
  });
}
