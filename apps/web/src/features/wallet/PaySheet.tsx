import type { User } from "@agora/protocol/identity";
import type { Money, Transfer } from "@agora/protocol/wallet";
import { useTranslation } from "react-i18next";
import { Sheet } from "./Sheet.tsx";
import { TransferFlow } from "./TransferFlow.tsx";

export interface PaySheetProps {
  open: boolean;
  payee: User;
  /** A fixed amount, e.g. from a scanned "pay me" code. */
  amount?: Money | undefined;
  conversationId?: string | undefined;
  onClose: () => void;
  /** The transfer went through and the person tapped Done. */
  onDone: (transfer: Transfer) => void;
}

/**
 * The shell's pay sheet for paying one person from anywhere (after scanning their code, say):
 * the whole transfer flow in a sheet, PIN confirmation included. For a full screen instead,
 * navigate to `paths.pay(userId, { amount })`.
 */
export function PaySheet({ open, payee, amount, conversationId, onClose, onDone }: PaySheetProps) {
  const { t } = useTranslation();
  return (
    <Sheet open={open} title={t("wallet.transfer.title")} onClose={onClose}>
      <TransferFlow payee={payee} fixedAmount={amount} conversationId={conversationId} onDone={onDone} />
    </Sheet>
  );
}
