import type { User } from "@agora/protocol/identity";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { useMe } from "../auth/me-context.ts";
import { formatMoney } from "./money.ts";
import styles from "./Wallet.module.css";
import { SuccessIcon, TransferIcon } from "./wallet-icons.tsx";
import { useTransferReceipt } from "./wallet-queries.ts";

/** A transfer's receipt, for payer and payee: amount, from, to, time, status, note and reference. */
export function TransferReceiptScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const id = useParams().transferId ?? "";
  const receipt = useTransferReceipt(id);
  const back = receipt.data?.conversationId
    ? paths.chat(receipt.data.conversationId)
    : paths.walletTransactions;

  if (receipt.isPending || receipt.isError) {
    return (
      <Page title={t("wallet.receipt.title")} back={back}>
        {receipt.isPending ? (
          <LoadingState />
        ) : isApiError(receipt.error) && receipt.error.status === 404 ? (
          <EmptyState title={t("wallet.errors.notFound")} />
        ) : (
          <ErrorState error={receipt.error} onRetry={() => void receipt.refetch()} />
        )}
      </Page>
    );
  }
  const tr = receipt.data;
  const paid = tr.from === me.id;
  const when = new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(tr.createdAt),
  );

  return (
    <Page title={t("wallet.receipt.title")} back={back}>
      <section className={styles.receipt} aria-labelledby="receipt-amount">
        <span className={styles.receiptIcon}>
          <TransferIcon />
        </span>
        <p className={styles.receiptWhat}>
          {paid
            ? t("wallet.history.transferTo", { name: tr.toUser.displayName })
            : t("wallet.history.transferFrom", { name: tr.fromUser.displayName })}
        </p>
        <p id="receipt-amount" className={styles.receiptAmount}>
          {formatMoney({ ...tr.amount, amount: paid ? -tr.amount.amount : tr.amount.amount }, lng, {
            signed: true,
          })}
        </p>
        <p className={styles.receiptStatus}>
          <SuccessIcon />
          {t("wallet.receipt.completed")}
        </p>
        <dl className={styles.receiptRows}>
          <Party label={t("wallet.receipt.from")} user={tr.fromUser} me={me.id} />
          <Party label={t("wallet.receipt.to")} user={tr.toUser} me={me.id} />
          <div className={styles.receiptRow}>
            <dt>{t("wallet.receipt.time")}</dt>
            <dd>
              <time dateTime={tr.createdAt}>{when}</time>
            </dd>
          </div>
          {tr.note && (
            <div className={styles.receiptRow}>
              <dt>{t("wallet.receipt.note")}</dt>
              <dd>{tr.note}</dd>
            </div>
          )}
          <div className={styles.receiptRow}>
            <dt>{t("wallet.receipt.status")}</dt>
            <dd>{t("wallet.receipt.completed")}</dd>
          </div>
          <div className={styles.receiptRow}>
            <dt>{t("wallet.receipt.id")}</dt>
            <dd className={styles.receiptId}>{tr.id}</dd>
          </div>
        </dl>
      </section>
    </Page>
  );
}

function Party({ label, user, me }: { label: string; user: User; me: string }) {
  const { t } = useTranslation();
  return (
    <div className={styles.receiptRow}>
      <dt>{label}</dt>
      <dd className={styles.receiptParty}>
        <Avatar user={user} size="sm" />
        <span>
          {user.displayName}
          {user.id === me && <span className={styles.receiptMe}> · {t("wallet.receipt.you")}</span>}
        </span>
      </dd>
    </div>
  );
}
