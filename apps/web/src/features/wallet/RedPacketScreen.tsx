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
import { formatMoney, formatWhen } from "./money.ts";
import styles from "./RedPacket.module.css";
import { useRedPacket } from "./red-packet-queries.ts";

/** A red packet's details: what I got, how much is claimed, and who got how much (best luck marked). */
export function RedPacketScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const id = useParams().redPacketId ?? "";
  const packet = useRedPacket(id);
  const back = packet.data ? paths.chat(packet.data.conversationId) : paths.chats;

  if (packet.isPending || packet.isError) {
    return (
      <Page title={t("wallet.card.redPacket")} back={back}>
        {packet.isPending ? (
          <LoadingState />
        ) : isApiError(packet.error) && packet.error.status === 404 ? (
          <EmptyState title={t("wallet.errors.notFound")} />
        ) : (
          <ErrorState error={packet.error} onRetry={() => void packet.refetch()} />
        )}
      </Page>
    );
  }

  const p = packet.data;
  const mineSent = p.sender.id === me.id;
  const time = (iso: string) => formatWhen(iso, lng);
  const summary =
    p.status === "expired"
      ? t("wallet.redPacket.summaryExpired", {
          claimed: p.claimedCount,
          count: p.count,
          refunded: formatMoney(
            p.refunded ?? { amount: p.total.amount - p.claimedAmount.amount, currency: p.total.currency },
            lng,
          ),
        })
      : t("wallet.redPacket.summary", {
          claimed: p.claimedCount,
          count: p.count,
          amount: formatMoney(p.claimedAmount, lng),
          total: formatMoney(p.total, lng),
        });

  return (
    <Page title={t("wallet.card.redPacket")} back={back}>
      <section className={styles.detailHead} aria-labelledby="red-packet-from">
        <div className={styles.arc} aria-hidden="true" />
        <Avatar user={p.sender} size="lg" />
        <h2 id="red-packet-from" className={styles.detailFrom}>
          {t("wallet.redPacket.fromName", { name: p.sender.displayName })}
          {p.mode === "random" && p.count > 1 && (
            <span className={styles.modeTag}>{t("wallet.redPacket.randomTag")}</span>
          )}
        </h2>
        <p className={styles.detailGreeting}>{p.greeting || t("wallet.redPacket.defaultGreeting")}</p>
        {p.myClaim ? (
          <>
            <p className={styles.myAmount} data-testid="my-red-packet-amount">
              {formatMoney(p.myClaim.amount, lng)}
            </p>
            <p className={styles.savedLine}>{t("wallet.redPacket.saved")}</p>
          </>
        ) : mineSent ? (
          <p className={styles.myAmountSmall}>{formatMoney(p.total, lng)}</p>
        ) : null}
      </section>

      <section className={styles.claims} aria-labelledby="red-packet-claims">
        <h2 id="red-packet-claims" className={styles.claimsHead}>
          {summary}
        </h2>
        {p.claims.length === 0 ? (
          <p className={styles.noClaims}>
            {p.status === "expired" ? t("wallet.redPacket.expired") : t("wallet.redPacket.nobodyYet")}
          </p>
        ) : (
          <ul className={styles.claimList}>
            {p.claims.map((c) => (
              <li key={c.user.id} className={styles.claim}>
                <Avatar user={c.user} size="md" />
                <span className={styles.claimText}>
                  <span className={styles.claimName}>
                    {c.user.displayName}
                    {c.user.id === me.id && (
                      <span className={styles.claimMe}> · {t("wallet.receipt.you")}</span>
                    )}
                  </span>
                  <time className={styles.claimTime} dateTime={c.claimedAt}>
                    {time(c.claimedAt)}
                  </time>
                </span>
                <span className={styles.claimEnd}>
                  <span className={styles.claimAmount}>{formatMoney(c.amount, lng)}</span>
                  {c.best && <span className={styles.best}>{t("wallet.redPacket.best")}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
        {p.status === "open" && mineSent && p.claimedCount < p.count && (
          <p className={styles.noClaims}>
            {t("wallet.redPacket.returnsAt", {
              time: new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short" }).format(
                new Date(p.expiresAt),
              ),
            })}
          </p>
        )}
      </section>
    </Page>
  );
}
