import type { Conversation } from "@agora/protocol/messaging";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { useMe } from "../auth/me-context.ts";
import { RedPacketIcon, TransferIcon } from "./wallet-icons.tsx";

export interface WalletChatAction {
  key: string;
  label: string;
  icon: ReactNode;
  onSelect: () => void;
}

/** The wallet's tiles in a chat's "+" panel: Transfer (direct chats) and Red packet. */
export function useWalletChatActions(conversation: Conversation): WalletChatAction[] {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const other = conversation.type === "direct" ? conversation.members.find((m) => m.id !== me.id) : undefined;
  const actions: WalletChatAction[] = [];
  if (other) {
    actions.push({
      key: "transfer",
      label: t("wallet.transfer.action"),
      icon: <TransferIcon />,
      onSelect: () => navigate(paths.pay(other.id, { conversationId: conversation.id })),
    });
  }
  actions.push({
    key: "red-packet",
    label: t("wallet.card.redPacket"),
    icon: <RedPacketIcon />,
    onSelect: () => navigate(paths.newRedPacket(conversation.id)),
  });
  return actions;
}
