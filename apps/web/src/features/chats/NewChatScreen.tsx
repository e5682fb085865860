import type { User } from "@agora/protocol/identity";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { CheckIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useContacts } from "../contacts/contacts-queries.ts";
import { groupByLetter } from "../contacts/group-by-letter.ts";
import { NoContactsYet } from "../contacts/NoContactsYet.tsx";
import { useCreateConversation } from "./chat-queries.ts";
import styles from "./Picker.module.css";

/** Pick one contact for a direct chat, or several and a name for a group. */
export function NewChatScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const contacts = useContacts();
  const create = useCreateConversation();
  const [selected, setSelected] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [titleError, setTitleError] = useState<string>();

  const group = selected.length > 1;
  const submit = () => {
    if (selected.length === 0) return;
    if (group && !title.trim()) {
      setTitleError(t("newChat.groupNameRequired"));
      return;
    }
    const body = group
      ? { type: "group" as const, title: title.trim(), memberIds: selected }
      : { type: "direct" as const, userId: selected[0] ?? "" };
    create.mutate(body, { onSuccess: (c) => navigate(paths.chat(c.id), { replace: true }) });
  };

  return (
    <Page title={t("newChat.title")} back={paths.chats}>
      {contacts.isPending ? (
        <LoadingState />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : contacts.data.length === 0 ? (
        <NoContactsYet title={t("newChat.emptyTitle")} body={t("newChat.emptyBody")} />
      ) : (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <ContactPicker
            legend={t("newChat.choose")}
            contacts={contacts.data}
            selected={selected}
            onChange={(ids) => {
              setSelected(ids);
              create.reset();
            }}
          />
          <div className={styles.footer}>
            {create.isError && <Alert tone="error">{describeError(t, create.error)}</Alert>}
            {group && (
              <TextField
                label={t("newChat.groupName")}
                placeholder={t("newChat.groupNamePlaceholder")}
                value={title}
                maxLength={64}
                error={titleError}
                onChange={(e) => {
                  setTitle(e.target.value);
                  setTitleError(undefined);
                }}
              />
            )}
            <Button type="submit" block size="lg" disabled={selected.length === 0 || create.isPending}>
              {create.isPending
                ? t("newChat.creating")
                : group
                  ? `${t("newChat.createGroup")} (${selected.length})`
                  : t("newChat.start")}
            </Button>
          </div>
        </form>
      )}
    </Page>
  );
}

/** Contacts by letter with a checkbox each; `disabledIds` are shown ticked and fixed (already members). */
export function ContactPicker({
  legend,
  contacts,
  selected,
  onChange,
  disabledIds = [],
}: {
  legend: string;
  contacts: readonly User[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  disabledIds?: readonly string[];
}) {
  const { i18n } = useTranslation();
  const id = useId();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      {groupByLetter([...contacts], i18n.language).map((section) => (
        <section key={section.letter} className={styles.section} aria-labelledby={`${id}-${section.letter}`}>
          <h2 className={styles.letter} id={`${id}-${section.letter}`}>
            {section.letter}
          </h2>
          <ul className={styles.group}>
            {section.users.map((user) => {
              const fixed = disabledIds.includes(user.id);
              const checked = fixed || selected.includes(user.id);
              return (
                <li key={user.id}>
                  <label className={`${styles.row} ${fixed ? styles.fixed : ""}`}>
                    <input
                      type="checkbox"
                      className={styles.checkbox}
                      checked={checked}
                      disabled={fixed}
                      onChange={(e) =>
                        onChange(
                          e.target.checked ? [...selected, user.id] : selected.filter((s) => s !== user.id),
                        )
                      }
                    />
                    <span className={styles.tick} aria-hidden="true">
                      <CheckIcon />
                    </span>
                    <Avatar user={user} size="sm" />
                    <span className={styles.name}>{user.displayName}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </fieldset>
  );
}
