import type { User } from "@agora/protocol/identity";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { Alert } from "../../ui/Alert.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { CloseIcon, SearchIcon } from "../../ui/Icons.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { AddByQrRows } from "../qr/entries.tsx";
import styles from "./Contacts.module.css";
import { useContactRequests, useContacts, useUserSearch } from "./contacts-queries.ts";
import { type Relation, SearchResultRow } from "./SearchResultRow.tsx";
import { SendRequestDialog } from "./SendRequestDialog.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";

const SEARCH_DELAY_MS = 300;

export function AddContactScreen() {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const query = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const results = useUserSearch(query);
  const contacts = useContacts();
  const requests = useContactRequests();
  const [adding, setAdding] = useState<User | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const relationOf = (user: User): Relation => {
    if (contacts.data?.some((c) => c.id === user.id)) return { kind: "contact" };
    const pending = requests.data?.find(
      (r) => r.status === "pending" && (r.direction === "outgoing" ? r.to : r.from) === user.id,
    );
    if (pending?.direction === "outgoing") return { kind: "requested" };
    if (pending) return { kind: "incoming", requestId: pending.id };
    return { kind: "none" };
  };

  return (
    <Page title={t("search.title")} back={paths.contacts}>
      <search className={styles.searchBox}>
        <label htmlFor={inputId} className="visually-hidden">
          {t("search.label")}
        </label>
        <div className={styles.searchField}>
          <SearchIcon />
          <input
            id={inputId}
            ref={inputRef}
            type="search"
            className={styles.searchInput}
            placeholder={t("search.placeholder")}
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="search"
            // biome-ignore lint/a11y/noAutofocus: the screen exists to type a search.
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {text !== "" && (
            <button
              type="button"
              className={styles.clear}
              aria-label={t("search.clear")}
              onClick={() => {
                setText("");
                inputRef.current?.focus();
              }}
            >
              <CloseIcon />
            </button>
          )}
        </div>
      </search>

      {sentTo && (
        <div className={styles.notice}>
          <Alert tone="success">{t("search.sent", { name: sentTo })}</Alert>
        </div>
      )}

      {text === "" && (
        <ListGroup>
          <AddByQrRows />
        </ListGroup>
      )}

      {query === "" ? (
        <p className={styles.hint}>{t("search.hint")}</p>
      ) : results.isPending ? (
        <LoadingState label={t("search.searching")} />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.length === 0 ? (
        <p className={styles.hint} role="status">
          {t("search.noResults", { query })}
        </p>
      ) : (
        <ListGroup>
          {results.data.map((user) => (
            <SearchResultRow
              key={user.id}
              user={user}
              relation={relationOf(user)}
              onAdd={() => setAdding(user)}
            />
          ))}
        </ListGroup>
      )}

      <SendRequestDialog
        user={adding}
        onClose={() => setAdding(null)}
        onSent={(user) => {
          setAdding(null);
          setSentTo(user.displayName);
        }}
      />
    </Page>
  );
}
