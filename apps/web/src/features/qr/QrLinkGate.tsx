import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useSession } from "../auth/session.ts";

/**
 * `/q/<token>`, where a phone's own camera app lands: signed in, the code opens in the app;
 * signed out, sign-in comes first and brings the person back here (`?next=`).
 */
export function QrLinkGate() {
  const { t } = useTranslation();
  const token = useParams().token ?? "";
  const { pathname } = useLocation();
  const session = useSession();
  if (session.isPending) return <LoadingState label={t("app.loading")} />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to={paths.signInThen(pathname)} replace />;
  return <Navigate to={paths.qrOpen(token)} replace />;
}
