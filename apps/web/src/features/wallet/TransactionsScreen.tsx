import { TransactionKind as Kinds, type TransactionKind, walletRoutes } from "@agora/protocol/wallet";
import { useEffect, useId, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { urlFor } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Button } from "../../ui/Button.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { DownloadIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { barIconButton, Page } from "../../ui/Page.tsx";
import { TransactionRow } from "./TransactionRow.tsx";
import styles from "./Wallet.module.css";
import { ListIcon } from "./wallet-icons.tsx";
import { type Transaction, type TransactionFilter, useTransactions } from "./wallet-queries.ts";

const DIRECTIONS = ["all", "in", "out"] as const;
type Direction = (typeof DIRECTIONS)[number];

/** The wallet's history: filters kept in the URL, months as sections, more loaded on scroll, CSV export. */
export function TransactionsScreen() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const direction = (DIRECTIONS as readonly string[]).includes(search.get("direction") ?? "")
    ? (search.get("direction") as Direction)
    : "all";
  const kindParam = search.get("kind");
  const kind = Kinds.safeParse(kindParam).success ? (kindParam as TransactionKind) : undefined;
  const filter: TransactionFilter = { direction: direction === "all" ? undefined : direction, kind };
  const history = useTransactions(filter);
  const kindId = useId();

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  const csv = urlFor(walletRoutes.exportTransactions, undefined, {
    direction: filter.direction,
    kind: filter.kind,
  });
  const items = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const months = useMemo(() => byMonth(items, i18n.language), [items, i18n.language]);

  return (
    <Page
      title={t("wallet.history.title")}
      back={paths.wallet}
      action={
        <a
          href={csv}
          download
          className={barIconButton}
          aria-label={t("wallet.history.export")}
          title={t("wallet.history.export")}
        >
          <DownloadIcon />
        </a>
      }
    >
      <div className={styles.filters}>
        <fieldset className={styles.segmented}>
          <legend className="visually-hidden">{t("wallet.history.direction")}</legend>
          {DIRECTIONS.map((d) => (
            <label key={d} className={`${styles.segment} ${direction === d ? styles.segmentOn : ""}`}>
              <input
                type="radio"
                name="direction"
                className={styles.segmentInput}
                checked={direction === d}
                onChange={() => update("direction", d === "all" ? undefined : d)}
              />
              {t(`wallet.history.${d}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={kindId} className="visually-hidden">
          {t("wallet.history.kind")}
        </label>
        <select
          id={kindId}
          className={styles.kindSelect}
          value={kind ?? ""}
          onChange={(e) => update("kind", e.target.value || undefined)}
        >
          <option value="">{t("wallet.history.allKinds")}</option>
          {Kinds.options.map((k) => (
            <option key={k} value={k}>
              {t(`wallet.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>

      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<ListIcon />}
          title={direction === "all" && !kind ? t("wallet.history.empty") : t("wallet.history.emptyFiltered")}
          body={direction === "all" && !kind ? t("wallet.history.emptyBody") : undefined}
        />
      ) : (
        <>
          {months.map((month) => (
            <section key={month.key} className={styles.month} aria-labelledby={`month-${month.key}`}>
              <h2 id={`month-${month.key}`} className={styles.monthHeading}>
                {month.label}
              </h2>
              <ul className={styles.txList}>
                {month.items.map((tx) => (
                  <TransactionRow key={tx.id} tx={tx} />
                ))}
              </ul>
            </section>
          ))}
          <MoreLoader
            hasMore={history.hasNextPage}
            loading={history.isFetchingNextPage}
            onMore={() => void history.fetchNextPage()}
          />
        </>
      )}
    </Page>
  );
}

function byMonth(items: Transaction[], lng: string) {
  const format = new Intl.DateTimeFormat(lng, { month: "long", year: "numeric" });
  const months: { key: string; label: string; items: Transaction[] }[] = [];
  for (const tx of items) {
    const date = new Date(tx.createdAt);
    const key = `${date.getFullYear()}-${date.getMonth() + 1}`;
    let month = months.at(-1);
    if (month?.key !== key) {
      month = { key, label: format.format(date), items: [] };
      months.push(month);
    }
    month.items.push(tx);
  }
  return months;
}

/** Loads the next page when it scrolls into view; a button for the keyboard and as a fallback. */
function MoreLoader({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef(onMore);
  latest.current = onMore;
  useEffect(() => {
    const el = ref.current;
    if (!el || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore]);
  if (!hasMore) return <p className={styles.endLine}>{t("wallet.history.end")}</p>;
  return (
    <div ref={ref} className={styles.more}>
      {loading ? (
        <p className={styles.progress} role="status">
          <span className={styles.spinner} aria-hidden="true" />
          {t("common.loading")}
        </p>
      ) : (
        <Button variant="secondary" onClick={onMore}>
          {t("wallet.history.more")}
        </Button>
      )}
    </div>
  );
}
