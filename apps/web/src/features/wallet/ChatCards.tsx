import type { Message } from "@agora/protocol/messaging";
import { RedPacketCardPayload } from "@agora/protocol/red-packets";
import { TransferCardPayload } from "@agora/protocol/wallet";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { useMe } from "../auth/me-context.ts";
import styles from "./ChatCards.module.css";
import { formatMoney } from "./money.ts";
import { RedPacketOpenDialog } from "./RedPacketOpenDialog.tsx";
import { useRedPacket } from "./red-packet-queries.ts";
import { RedPacketIcon, TransferIcon } from "./wallet-icons.tsx";

/**
 * The orange transfer card in a chat (WeChat style): amount, note, who it went to. Tapping it
 * opens the receipt. Rendered by chats' MessageContent for `transfer` messages.
 */
export function TransferCard({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const parsed = TransferCardPayload.safeParse(message.payload);
  if (!parsed.success) return <span className={styles.unknown}>{t("wallet.card.transfer")}</span>;
  const card = parsed.data;
  const amount = formatMoney(card.amount, i18n.language);
  const mine = message.senderId === me.id;
  const line = card.note ?? (mine ? t("wallet.card.sent") : t("wallet.card.received"));
  return (
    <button
      type="button"
      className={`${styles.card} ${styles.transfer}`}
      onClick={() => navigate(paths.walletTransfer(card.transferId))}
      aria-label={t("wallet.card.transferLabel", { amount, note: line })}
    >
      <span className={styles.top}>
        <span className={styles.badge}>
          <TransferIcon />
        </span>
        <span className={styles.text}>
          <span className={styles.amount}>{amount}</span>
          <span className={styles.line}>{line}</span>
        </span>
      </span>
      <span className={styles.foot}>{t("wallet.card.transfer")}</span>
    </button>
  );
}

/**
 * The red packet card: greeting and state (opened, all claimed, expired). Tapping it opens the
 * envelope (or, when there is nothing to open, the details). Rendered by MessageContent.
 */
export function RedPacketCard({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const parsed = RedPacketCardPayload.safeParse(message.payload);
  const id = parsed.success ? parsed.data.redPacketId : "";
  const packet = useRedPacket(id, { enabled: parsed.success });
  if (!parsed.success) return <span className={styles.unknown}>{t("wallet.card.redPacket")}</span>;
  const card = parsed.data;
  const data = packet.data;
  const state = !data
    ? null
    : data.myClaim
      ? t("wallet.card.opened")
      : data.status === "finished"
        ? data.count === 1
          ? t("wallet.card.opened")
          : t("wallet.card.allClaimed")
        : data.status === "expired"
          ? t("wallet.card.expired")
          : null;
  const greeting = card.greeting || t("wallet.redPacket.defaultGreeting");
  return (
    <>
      <button
        type="button"
        className={`${styles.card} ${styles.red} ${state ? styles.spent : ""}`}
        onClick={() => setOpen(true)}
        aria-label={t("wallet.card.redPacketLabel", { greeting, state: state ?? t("wallet.card.tapToOpen") })}
      >
        <span className={styles.top}>
          <span className={`${styles.badge} ${styles.envelope}`}>
            <RedPacketIcon />
          </span>
          <span className={styles.text}>
            <span className={styles.greeting}>{greeting}</span>
            {state && <span className={styles.line}>{state}</span>}
          </span>
        </span>
        <span className={styles.foot}>{t("wallet.card.redPacket")}</span>
      </button>
      {open && <RedPacketOpenDialog redPacketId={card.redPacketId} onClose={() => setOpen(false)} />}
    </>
  );
}
