import type { VisibleRange } from "@agora/protocol/moments";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { CheckIcon, ChevronIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import styles from "./Compose.module.css";
import { PlainPage } from "./MomentsLayout.tsx";
import { useMomentSettings, useSaveMomentSettings } from "./moments-queries.ts";

const RANGES: readonly VisibleRange[] = ["3d", "6m", "all"];

/** Me → Moments: how far back others may look through my moments; and a way to my own. */
export function MomentsSettingsScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useMomentSettings();
  const save = useSaveMomentSettings();
  // The choice shows at once: the mutation's own pending state reaches React a tick later, and
  // a controlled radio re-rendered with the old value in between would undo the click.
  const [chosen, setChosen] = useState<VisibleRange | null>(null);
  const current = chosen ?? settings.data?.visibleRange;

  return (
    <PlainPage title={t("moments.settings.title")} back={paths.me}>
      <div className={styles.settings}>
        <Link
          to={paths.userMoments(me.id)}
          state={{ from: paths.momentsSettings }}
          className={styles.linkRow}
        >
          <span className={styles.linkLabel}>{t("moments.mine")}</span>
          <ChevronIcon className={styles.chevron} />
        </Link>
        {settings.isPending ? (
          <LoadingState />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <fieldset className={styles.modes}>
            <legend className={styles.legend}>{t("moments.settings.range")}</legend>
            {RANGES.map((range) => (
              <label key={range} className={styles.mode}>
                <input
                  type="radio"
                  name="range"
                  value={range}
                  checked={current === range}
                  disabled={save.isPending}
                  onChange={() => {
                    setChosen(range);
                    save.mutate({ visibleRange: range }, { onSettled: () => setChosen(null) });
                  }}
                  className={styles.radio}
                />
                <span className={styles.modeText}>
                  <span className={styles.modeTitle}>{t(`moments.settings.ranges.${range}`)}</span>
                </span>
                {current === range && <CheckIcon className={styles.modeCheck} />}
              </label>
            ))}
          </fieldset>
        )}
        <p className={styles.hint}>{t("moments.settings.rangeHint")}</p>
        {save.isError && <Alert tone="error">{describeError(t, save.error)}</Alert>}
      </div>
    </PlainPage>
  );
}
