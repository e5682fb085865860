import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { currentLanguage, LANGUAGES, setLanguage } from "../../i18n/i18n.ts";
import { CheckIcon } from "../../ui/Icons.tsx";
import { Page } from "../../ui/Page.tsx";
import styles from "./Me.module.css";

/** English or French; the choice applies at once and is remembered on this device. */
export function LanguageScreen() {
  const { t } = useTranslation();
  const selected = currentLanguage();
  return (
    <Page title={t("language.title")} back={paths.me}>
      <fieldset className={styles.choices}>
        <legend className="visually-hidden">{t("language.legend")}</legend>
        {LANGUAGES.map((lng) => (
          <label key={lng} className={styles.choice} lang={lng}>
            <input
              type="radio"
              name="language"
              value={lng}
              checked={selected === lng}
              onChange={() => void setLanguage(lng)}
              className={styles.radio}
            />
            <span className={styles.choiceLabel}>{t(`language.${lng}`)}</span>
            {selected === lng && <CheckIcon className={styles.check} />}
          </label>
        ))}
      </fieldset>
    </Page>
  );
}
