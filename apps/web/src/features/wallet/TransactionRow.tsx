import type { Transaction, TransactionKind } from "@agora/protocol/wallet";
import type { TFunction } from "i18next";
import type { ComponentType, SVGProps } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { formatMoney } from "./money.ts";
import styles from "./Wallet.module.css";
import { CardIcon, RedPacketIcon, TopUpIcon, TransferIcon, WithdrawIcon } from "./wallet-icons.tsx";

type Tone = "green" | "orange" | "red" | "blue" | "grey";

const LOOK: Record<TransactionKind, { Icon: ComponentType<SVGProps<SVGSVGElement>>; tone: Tone }> = {
  topup: { Icon: TopUpIcon, tone: "green" },
  withdrawal: { Icon: WithdrawIcon, tone: "grey" },
  withdrawal_reversal: { Icon: TopUpIcon, tone: "grey" },
  transfer: { Icon: TransferIcon, tone: "orange" },
  red_packet: { Icon: RedPacketIcon, tone: "red" },
  red_packet_claim: { Icon: RedPacketIcon, tone: "red" },
  red_packet_refund: { Icon: RedPacketIcon, tone: "red" },
  payment: { Icon: CardIcon, tone: "blue" },
  payment_refund: { Icon: CardIcon, tone: "blue" },
};

/** What a movement was, in words: "Transfer to Ben Okoro", "Top-up", "Red packet from Ana". */
export function transactionTitle(t: TFunction, tx: Transaction): string {
  const name = tx.counterparty?.displayName;
  const incoming = tx.amount.amount > 0;
  switch (tx.kind) {
    case "transfer":
      if (!name) return t("wallet.kinds.transfer");
      return incoming ? t("wallet.history.transferFrom", { name }) : t("wallet.history.transferTo", { name });
    case "red_packet_claim":
      return name ? t("wallet.history.redPacketFrom", { name }) : t("wallet.kinds.red_packet_claim");
    default:
      return t(`wallet.kinds.${tx.kind}`);
  }
}

function whereTo(tx: Transaction): string | undefined {
  if (tx.transferId) return paths.walletTransfer(tx.transferId);
  if (tx.redPacketId) return paths.redPacket(tx.redPacketId);
  return undefined;
}

/** One movement: kind icon, what and with whom, when, the signed amount, the balance after. */
export function TransactionRow({ tx }: { tx: Transaction }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { Icon, tone } = LOOK[tx.kind];
  const title = transactionTitle(t, tx);
  const amount = formatMoney(tx.amount, lng, { signed: true });
  const when = new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(tx.createdAt),
  );
  const after = t("wallet.history.balanceAfter", { balance: formatMoney(tx.balanceAfter, lng) });
  const body = (
    <>
      <span className={`${styles.txIcon} ${styles[`tone_${tone}`]}`}>
        <Icon />
      </span>
      <span className={styles.txText}>
        <span className={styles.txTitle}>{title}</span>
        <span className={styles.txSub}>
          {tx.note ? `${tx.note} · ` : ""}
          <time dateTime={tx.createdAt}>{when}</time>
        </span>
      </span>
      <span className={styles.txEnd}>
        <span className={`${styles.txAmount} ${tx.amount.amount > 0 ? styles.txIn : ""}`}>{amount}</span>
        <span className={styles.txAfter}>{after}</span>
      </span>
    </>
  );
  const to = whereTo(tx);
  const label = `${title}, ${amount}, ${when}, ${after}`;
  return (
    <li className={styles.txItem}>
      {to ? (
        <Link to={to} className={`${styles.txRow} ${styles.txLink}`} aria-label={label}>
          {body}
        </Link>
      ) : (
        <div className={styles.txRow}>{body}</div>
      )}
    </li>
  );
}
