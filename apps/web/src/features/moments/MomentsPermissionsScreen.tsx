import type { MomentPermissions } from "@agora/protocol/moments";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useUser } from "../contacts/contacts-queries.ts";
import styles from "./Compose.module.css";
import { PlainPage } from "./MomentsLayout.tsx";
import { useMomentPermissions, useSaveMomentPermissions } from "./moments-queries.ts";

/** A contact's Moments permissions: hide my moments from them, hide theirs from my feed. */
export function MomentsPermissionsScreen() {
  const { t } = useTranslation();
  const userId = useParams().userId ?? "";
  const user = useUser(userId);
  const permissions = useMomentPermissions(userId);
  const save = useSaveMomentPermissions(userId);
  const name = user.data?.displayName ?? "";

  // A switch flips at once: the cache update of the mutation reaches React a tick later, and a
  // controlled checkbox re-rendered with the old value in between would undo the click.
  const [draft, setDraft] = useState<MomentPermissions | null>(null);
  const current = draft ?? permissions.data;
  const set = (change: Partial<MomentPermissions>) => {
    if (!current) return;
    const next = { ...current, ...change };
    setDraft(next);
    save.mutate(next, { onSettled: () => setDraft(null) });
  };

  return (
    <PlainPage title={t("moments.permissions.title")} back={paths.contact(userId)}>
      {permissions.isPending || user.isPending ? (
        <LoadingState />
      ) : permissions.isError || !current ? (
        <ErrorState error={permissions.error} onRetry={() => void permissions.refetch()} />
      ) : (
        <div className={styles.settings}>
          <ul className={styles.switches}>
            <Switch
              label={t("moments.permissions.hideMine", { name })}
              hint={t("moments.permissions.hideMineHint", { name })}
              checked={current.hideMyMomentsFromThem}
              onChange={(v) => set({ hideMyMomentsFromThem: v })}
            />
            <Switch
              label={t("moments.permissions.hideTheirs", { name })}
              hint={t("moments.permissions.hideTheirsHint", { name })}
              checked={current.hideTheirMomentsFromMe}
              onChange={(v) => set({ hideTheirMomentsFromMe: v })}
            />
          </ul>
          {save.isError && <Alert tone="error">{describeError(t, save.error)}</Alert>}
        </div>
      )}
    </PlainPage>
  );
}

function Switch({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const hintId = useId();
  return (
    <li>
      <label className={styles.switchRow}>
        <span className={styles.modeText}>
          <span className={styles.modeTitle}>{label}</span>
          <span className={styles.modeBody} id={hintId}>
            {hint}
          </span>
        </span>
        <input
          type="checkbox"
          role="switch"
          className={styles.switch}
          checked={checked}
          aria-checked={checked}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.checked)}
        />
      </label>
    </li>
  );
}
