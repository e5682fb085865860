import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { MeContext } from "../features/auth/me-context.ts";
import { withNext } from "../features/auth/return-to.ts";
import { useSession } from "../features/auth/session.ts";
import { OutboxProvider } from "../features/chats/OutboxProvider.tsx";
import { RealtimeProvider } from "../realtime/RealtimeProvider.tsx";
import { ErrorState } from "../ui/ErrorState.tsx";
import { LoadingState } from "../ui/LoadingState.tsx";
import { paths } from "./paths.ts";

/** Screens for signed-in people; anyone else lands on Welcome. */
export function RequireAuth() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState label={t("app.loading")} />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    // Keep a deep link (a chat, a scanned code) through signing in; the start page needs none.
    const target = location.pathname === "/" ? null : location.pathname + location.search;
    return <Navigate to={withNext(paths.welcome, target)} replace />;
  }
  return (
    <MeContext value={session.data}>
      <RealtimeProvider key={session.data.id} userId={session.data.id}>
        <OutboxProvider key={session.data.id} userId={session.data.id}>
          <Outlet />
        </OutboxProvider>
      </RealtimeProvider>
    </MeContext>
  );
}

/** Welcome and sign-in screens; a signed-in person goes straight to Chats. */
export function PublicOnly() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <LoadingState label={t("app.loading")} />;
  if (session.data) return <Navigate to={paths.chats} replace />;
  return <Outlet />;
}
