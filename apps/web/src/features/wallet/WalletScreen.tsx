import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LockIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { formatMoney } from "./money.ts";
import { pinSetupPath } from "./PinSetupScreen.tsx";
import { TransactionRow } from "./TransactionRow.tsx";
import styles from "./Wallet.module.css";
import { ListIcon, ShieldIcon, TopUpIcon, WithdrawIcon } from "./wallet-icons.tsx";
import { useTransactions, useWallet } from "./wallet-queries.ts";

const RECENT = 5;

/** Me → Wallet: the balance (live), top up and withdraw, the payment PIN, the latest movements. */
export function WalletScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const wallet = useWallet();

  if (wallet.isPending || wallet.isError) {
    return (
      <Page title={t("wallet.title")} back={paths.me}>
        {wallet.isPending ? (
          <LoadingState />
        ) : (
          <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />
        )}
      </Page>
    );
  }
  const { balance, hasPin } = wallet.data;
  const shown = formatMoney(balance, lng);

  return (
    <Page title={t("wallet.title")} back={paths.me}>
      <section className={styles.balanceCard} aria-labelledby="wallet-balance-label">
        <div className={styles.balanceTop}>
          <span id="wallet-balance-label" className={styles.balanceLabel}>
            {t("wallet.balance")}
          </span>
          <span className={styles.balanceBrand}>
            <ShieldIcon />
            {t("wallet.brand")}
          </span>
        </div>
        <p className={styles.balanceAmount} aria-live="polite" data-testid="wallet-balance">
          {shown}
        </p>
        <div className={styles.balanceActions}>
          <Link to={paths.walletTopUp} className={styles.balanceAction}>
            <TopUpIcon />
            {t("wallet.topUp.action")}
          </Link>
          <Link to={paths.walletWithdraw} className={styles.balanceAction}>
            <WithdrawIcon />
            {t("wallet.withdraw.action")}
          </Link>
        </div>
      </section>

      {!hasPin && (
        <div className={styles.notice}>
          <Alert tone="info">
            {t("wallet.pin.needed")}{" "}
            <Link to={pinSetupPath()} className={styles.inlineLink}>
              {t("wallet.pin.setNow")}
            </Link>
          </Alert>
        </div>
      )}

      <ListGroup>
        <ListRow
          to={paths.walletTransactions}
          leading={
            <IconTile tone="blue">
              <ListIcon />
            </IconTile>
          }
          title={t("wallet.history.title")}
        />
        <ListRow
          to={paths.walletPin}
          leading={
            <IconTile tone="grey">
              <LockIcon />
            </IconTile>
          }
          title={t("wallet.pin.title")}
          trailing={
            <span className={hasPin ? styles.rowValue : styles.rowValueWarn}>
              {hasPin ? t("wallet.pin.change") : t("wallet.pin.notSet")}
            </span>
          }
        />
      </ListGroup>

      <RecentTransactions />

      <p className={styles.footnote}>{t("wallet.sandbox.footnote")}</p>
    </Page>
  );
}

function RecentTransactions() {
  const { t } = useTranslation();
  const history = useTransactions({});
  const items = history.data?.pages[0]?.items.slice(0, RECENT) ?? [];
  if (history.isPending) return <LoadingState />;
  if (history.isError) return null;
  return (
    <section className={styles.recent} aria-labelledby="wallet-recent">
      <div className={styles.recentHead}>
        <h2 id="wallet-recent" className={styles.sectionHeading}>
          {t("wallet.history.recent")}
        </h2>
        {items.length > 0 && (
          <Link to={paths.walletTransactions} className={styles.inlineLink}>
            {t("wallet.history.seeAll")}
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <p className={styles.emptyLine}>{t("wallet.history.emptyShort")}</p>
      ) : (
        <ul className={styles.txList}>
          {items.map((tx) => (
            <TransactionRow key={tx.id} tx={tx} />
          ))}
        </ul>
      )}
    </section>
  );
}
