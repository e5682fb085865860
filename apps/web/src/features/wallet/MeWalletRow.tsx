import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { formatMoney } from "./money.ts";
import styles from "./Wallet.module.css";
import { WalletIcon } from "./wallet-icons.tsx";
import { useWallet } from "./wallet-queries.ts";

/** Me → Wallet, with the balance at the end of the row (kept live by `wallet.updated`). */
export function MeWalletRow() {
  const { t, i18n } = useTranslation();
  const wallet = useWallet();
  return (
    <ListRow
      to={paths.wallet}
      leading={
        <IconTile tone="green">
          <WalletIcon />
        </IconTile>
      }
      title={t("wallet.title")}
      trailing={
        wallet.data ? (
          <span className={styles.rowValue}>{formatMoney(wallet.data.balance, i18n.language)}</span>
        ) : undefined
      }
    />
  );
}
