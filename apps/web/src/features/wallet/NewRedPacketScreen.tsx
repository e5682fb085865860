import type { Conversation } from "@agora/protocol/messaging";
import { MAX_GREETING, MAX_RED_PACKET_SHARES, type RedPacketMode } from "@agora/protocol/red-packets";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useMe } from "../auth/me-context.ts";
import { useConversation } from "../chats/chat-queries.ts";
import { conversationTitle } from "../chats/preview.ts";
import { AmountField, amountProblem } from "./AmountField.tsx";
import { formatMoney, parseAmount } from "./money.ts";
import { pinSetupPath } from "./PinSetupScreen.tsx";
import { PinSheet } from "./PinSheet.tsx";
import styles from "./RedPacket.module.css";
import { useSendRedPacket } from "./red-packet-queries.ts";
import walletStyles from "./Wallet.module.css";
import { useWallet } from "./wallet-queries.ts";

/** `/chats/:conversationId/red-packet`: wrap money for a chat. */
export function NewRedPacketScreen() {
  const { t } = useTranslation();
  const id = useParams().conversationId ?? "";
  const conversation = useConversation(id);
  const wallet = useWallet();
  const back = paths.chat(id);
  let body: ReactNode;
  if (conversation.isPending || wallet.isPending) body = <LoadingState />;
  else if (conversation.isError)
    body = <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />;
  else if (wallet.isError) body = <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />;
  else body = <RedPacketForm conversation={conversation.data} />;
  return (
    <Page title={t("wallet.redPacket.newTitle")} back={back}>
      {body}
    </Page>
  );
}

/**
 * A group: number of shares, random or equal ("amount each"), greeting. A direct chat: one
 * share, the amount and a greeting. Then the PIN sheet; back to the chat, where the card is.
 */
function RedPacketForm({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const wallet = useWallet();
  const send = useSendRedPacket();
  const group = conversation.type === "group";
  const maxShares = group ? Math.min(MAX_RED_PACKET_SHARES, conversation.members.length) : 1;
  const [mode, setMode] = useState<RedPacketMode>(group ? "random" : "equal");
  const [countText, setCountText] = useState(
    group ? String(Math.max(1, conversation.members.length - 1)) : "1",
  );
  const [text, setText] = useState("");
  const [greeting, setGreeting] = useState("");
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (!wallet.data) return null;
  const { balance, hasPin, pinLockedUntil } = wallet.data;
  const currency = balance.currency;

  const count = group ? Number.parseInt(countText, 10) : 1;
  const countProblem = !group
    ? null
    : !/^\d+$/.test(countText.trim()) || !Number.isSafeInteger(count) || count < 1
      ? t("wallet.redPacket.countInvalid")
      : count > maxShares
        ? t("wallet.redPacket.countTooMany", { count: maxShares })
        : null;

  const parsed = parseAmount(text, currency, lng);
  // "Amount each" in equal mode (as WeChat asks it); the total in random mode and in a direct chat.
  const each = group && mode === "equal";
  const total = parsed.ok && !countProblem ? (each ? parsed.amount * count : parsed.amount) : null;
  let problem = amountProblem(t, parsed);
  if (!problem && total !== null && total > balance.amount)
    problem = t("wallet.amount.overBalance", { balance: formatMoney(balance, lng) });
  if (!problem && total !== null && !each && total < count) problem = t("wallet.redPacket.tooSmall");
  const totalMoney = total !== null ? { amount: total, currency } : null;
  const shownTotal = formatMoney(totalMoney ?? { amount: 0, currency }, lng);
  const showProblem = tried || (text.trim() !== "" && !(parsed.ok === false && parsed.reason === "tooSmall"));
  const place = group ? conversationTitle(conversation, me.id) : undefined;
  const other = conversation.members.find((m) => m.id !== me.id);

  return (
    <>
      <form
        className={walletStyles.flow}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problem || countProblem || !totalMoney) return;
          send.reset();
          setConfirming(true);
        }}
      >
        <div className={`${walletStyles.panel} ${styles.formPanel}`}>
          {group && (
            <>
              <fieldset className={walletStyles.segmented}>
                <legend className="visually-hidden">{t("wallet.redPacket.mode")}</legend>
                {(["random", "equal"] as const).map((m) => (
                  <label
                    key={m}
                    className={`${walletStyles.segment} ${mode === m ? walletStyles.segmentOn : ""}`}
                  >
                    <input
                      type="radio"
                      name="mode"
                      className={walletStyles.segmentInput}
                      checked={mode === m}
                      onChange={() => setMode(m)}
                    />
                    {t(`wallet.redPacket.${m}`)}
                  </label>
                ))}
              </fieldset>
              <TextField
                label={t("wallet.redPacket.count")}
                inputMode="numeric"
                value={countText}
                onChange={(e) => setCountText(e.target.value.replace(/\D/g, "").slice(0, 3))}
                hint={t("wallet.redPacket.countHint", { count: conversation.members.length })}
                error={countProblem ?? undefined}
              />
            </>
          )}
          <AmountField
            label={each ? t("wallet.redPacket.amountEach") : t("wallet.redPacket.total")}
            value={text}
            onChange={setText}
            currency={currency}
            error={showProblem ? (problem ?? undefined) : undefined}
            hint={t("wallet.amount.balance", { balance: formatMoney(balance, lng) })}
          />
          <TextField
            label={t("wallet.redPacket.greeting")}
            placeholder={t("wallet.redPacket.defaultGreeting")}
            value={greeting}
            maxLength={MAX_GREETING}
            onChange={(e) => setGreeting(e.target.value)}
          />
        </div>

        <p className={styles.totalPreview} aria-live="polite">
          {shownTotal}
        </p>

        {!hasPin && (
          <div className={walletStyles.notice}>
            <Alert tone="info">
              {t("wallet.pin.needed")}{" "}
              <Link to={pinSetupPath(location.pathname)} className={walletStyles.inlineLink}>
                {t("wallet.pin.setNow")}
              </Link>
            </Alert>
          </div>
        )}

        <div className={walletStyles.footer}>
          <Button type="submit" block size="lg" className={styles.redButton} disabled={!hasPin}>
            {t("wallet.redPacket.prepare")}
          </Button>
          <p className={walletStyles.footnote}>{t("wallet.redPacket.refundNote")}</p>
        </div>
      </form>
      <PinSheet
        open={confirming}
        purpose={
          group
            ? t("wallet.redPacket.purposeGroup", { name: place ?? "" })
            : t("wallet.redPacket.purposeDirect", { name: other?.displayName ?? "" })
        }
        amount={shownTotal}
        details={
          group ? (
            <span>
              {mode === "random"
                ? t("wallet.redPacket.splitRandom", { count })
                : t("wallet.redPacket.splitEqual", {
                    count,
                    each: formatMoney({ amount: parsed.ok ? parsed.amount : 0, currency }, lng),
                  })}
            </span>
          ) : undefined
        }
        busy={send.isPending}
        busyLabel={t("wallet.redPacket.sending")}
        error={send.error}
        lockedUntil={pinLockedUntil}
        onClose={() => setConfirming(false)}
        onSubmit={(pin) => {
          if (!totalMoney) return;
          send.mutate(
            {
              conversationId: conversation.id,
              total: totalMoney,
              count,
              mode: group ? mode : "equal",
              greeting: greeting.trim() || undefined,
              pin,
            },
            { onSuccess: () => navigate(paths.chat(conversation.id), { replace: true }) },
          );
        }}
      />
    </>
  );
}
