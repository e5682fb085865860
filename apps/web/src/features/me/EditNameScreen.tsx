import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Page } from "../../ui/Page.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useMe } from "../auth/me-context.ts";
import { useUpdateDisplayName } from "../auth/session.ts";
import { validateDisplayName } from "../auth/validation.ts";
import styles from "./Me.module.css";

export function EditNameScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateDisplayName();
  const [name, setName] = useState(me.displayName);
  const [submitted, setSubmitted] = useState(false);
  const error = validateDisplayName(name);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (error) return;
    update.mutate(name.trim(), { onSuccess: () => navigate(paths.me) });
  };

  return (
    <Page title={t("me.editNameTitle")} back={paths.me}>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {update.isError && <Alert tone="error">{describeError(t, update.error)}</Alert>}
        <TextField
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          name="displayName"
          autoComplete="nickname"
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={submitted && error ? t(`auth.errors.${error}`) : undefined}
        />
        <Button type="submit" size="lg" block disabled={update.isPending}>
          {update.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </form>
    </Page>
  );
}
