import type { MomentVisibilityMode } from "@agora/protocol/moments";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { BackIcon, BlockIcon, CheckIcon, LockIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { ContactPicker } from "../chats/NewChatScreen.tsx";
import { useContacts } from "../contacts/contacts-queries.ts";
import styles from "./Compose.module.css";
import type { VisibilityChoice } from "./ComposeMomentScreen.tsx";
import { GlobeIcon, PeopleIcon } from "./MomentIcons.tsx";
import { momentsBarButton, PlainPage } from "./MomentsLayout.tsx";

const MODES: readonly MomentVisibilityMode[] = ["contacts", "only", "except", "private"];

export function VisibilityIcon({ mode }: { mode: MomentVisibilityMode }) {
  switch (mode) {
    case "contacts":
      return <GlobeIcon />;
    case "only":
      return <PeopleIcon />;
    case "except":
      return <BlockIcon />;
    case "private":
      return <LockIcon />;
  }
}

/** Who sees the moment: all contacts, only some, all but some (picked here), or just me. */
export function VisibilityPicker({
  value,
  onDone,
}: {
  value: VisibilityChoice;
  onDone: (choice: VisibilityChoice) => void;
}) {
  const { t } = useTranslation();
  const contacts = useContacts();
  const [choice, setChoice] = useState(value);
  const picking = choice.mode === "only" || choice.mode === "except";
  const valid = !picking || choice.userIds.length > 0;

  return (
    <PlainPage
      title={t("moments.visibility.title")}
      start={
        <button
          type="button"
          className={momentsBarButton}
          onClick={() => onDone(value)}
          aria-label={t("common.back")}
        >
          <BackIcon />
        </button>
      }
      action={
        <Button size="sm" disabled={!valid} onClick={() => onDone(choice)}>
          {t("moments.visibility.done")}
        </Button>
      }
    >
      <fieldset className={styles.modes}>
        <legend className="visually-hidden">{t("moments.visibility.title")}</legend>
        {MODES.map((mode) => (
          <label key={mode} className={styles.mode}>
            <input
              type="radio"
              name="visibility"
              value={mode}
              checked={choice.mode === mode}
              onChange={() => setChoice({ mode, userIds: mode === choice.mode ? choice.userIds : [] })}
              className={styles.radio}
            />
            <span className={styles.modeIcon}>
              <VisibilityIcon mode={mode} />
            </span>
            <span className={styles.modeText}>
              <span className={styles.modeTitle}>{t(`moments.visibility.${mode}`)}</span>
              <span className={styles.modeBody}>{t(`moments.visibility.${mode}Body`)}</span>
            </span>
            {choice.mode === mode && <CheckIcon className={styles.modeCheck} />}
          </label>
        ))}
      </fieldset>

      {picking &&
        (contacts.isPending ? (
          <LoadingState />
        ) : contacts.isError ? (
          <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : contacts.data.length === 0 ? (
          <p className={styles.hint}>{t("moments.visibility.noContacts")}</p>
        ) : (
          <div className={styles.people}>
            <ContactPicker
              legend={
                choice.mode === "only" ? t("moments.visibility.pickOnly") : t("moments.visibility.pickExcept")
              }
              contacts={contacts.data}
              selected={choice.userIds}
              onChange={(userIds) => setChoice({ ...choice, userIds })}
            />
          </div>
        ))}
    </PlainPage>
  );
}
