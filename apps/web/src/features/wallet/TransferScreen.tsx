import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useUser } from "../contacts/contacts-queries.ts";
import { TransferFlow } from "./TransferFlow.tsx";
import { useWallet } from "./wallet-queries.ts";

/** `/pay/:userId?conversationId=&amount=`: pay one person, from a profile, a chat or a scanned code. */
export function TransferScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const userId = useParams().userId ?? "";
  const [search] = useSearchParams();
  const conversationId = search.get("conversationId") ?? undefined;
  const fixed = Number(search.get("amount"));
  const user = useUser(userId);
  const wallet = useWallet();
  const back = conversationId ? paths.chat(conversationId) : paths.contact(userId);

  let body: ReactNode;
  if (user.isPending) body = <LoadingState />;
  else if (user.isError)
    body =
      isApiError(user.error) && user.error.status === 404 ? (
        <EmptyState title={t("wallet.errors.notFound")} />
      ) : (
        <ErrorState error={user.error} onRetry={() => void user.refetch()} />
      );
  else
    body = (
      <TransferFlow
        payee={user.data}
        conversationId={conversationId}
        fixedAmount={
          Number.isSafeInteger(fixed) && fixed > 0 && wallet.data
            ? { amount: fixed, currency: wallet.data.balance.currency }
            : undefined
        }
        onDone={(transfer) =>
          navigate(conversationId ? paths.chat(conversationId) : paths.walletTransfer(transfer.id), {
            replace: true,
          })
        }
      />
    );

  return (
    <Page title={t("wallet.transfer.title")} back={back}>
      {body}
    </Page>
  );
}
