import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/TextField.tsx";
import styles from "./Auth.module.css";
import { AuthLayout } from "./AuthLayout.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { safeNext, withNext } from "./return-to.ts";
import { useSignUp } from "./session.ts";
import { normalizeHandle, type SignUpValues, validateSignUp } from "./validation.ts";

type Touched = Partial<Record<keyof SignUpValues, boolean>>;

export function SignUpScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signUp = useSignUp();
  // Where a deep link (a scanned QR code, a shared chat) was going before an account was needed.
  const returnTo = safeNext(useSearchParams()[0].get("next"));
  const [values, setValues] = useState<SignUpValues>({ handle: "", displayName: "", password: "" });
  const [touched, setTouched] = useState<Touched>({});
  const [takenHandle, setTakenHandle] = useState<string | null>(null);

  const errors = validateSignUp(values);
  const handleTaken = takenHandle !== null && takenHandle === normalizeHandle(values.handle);
  const messageFor = (field: keyof SignUpValues): string | undefined => {
    if (field === "handle" && handleTaken) return t("auth.errors.handleTaken");
    const error = errors[field];
    return touched[field] && error ? t(`auth.errors.${error}`) : undefined;
  };

  const update = (field: keyof SignUpValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const blur = (field: keyof SignUpValues) => () => setTouched((v) => ({ ...v, [field]: true }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched({ handle: true, displayName: true, password: true });
    if (Object.keys(errors).length > 0 || handleTaken) return;
    const body = {
      handle: normalizeHandle(values.handle),
      displayName: values.displayName.trim(),
      password: values.password,
    };
    signUp.mutate(body, {
      onSuccess: () => navigate(returnTo ?? paths.chats, { replace: true }),
      onError: (err) => {
        if (isApiError(err, "handle_taken")) setTakenHandle(body.handle);
      },
    });
  };

  const failure =
    signUp.error && !isApiError(signUp.error, "handle_taken") ? describeError(t, signUp.error) : undefined;

  return (
    <AuthLayout title={t("auth.signUpTitle")} subtitle={t("auth.signUpSubtitle")}>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {failure && <Alert tone="error">{failure}</Alert>}
        <TextField
          label={t("auth.handle")}
          name="handle"
          hint={t("auth.handleHint")}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={32}
          value={values.handle}
          onChange={update("handle")}
          onBlur={blur("handle")}
          error={messageFor("handle")}
        />
        <TextField
          label={t("auth.displayName")}
          name="displayName"
          hint={t("auth.displayNameHint")}
          autoComplete="nickname"
          maxLength={64}
          value={values.displayName}
          onChange={update("displayName")}
          onBlur={blur("displayName")}
          error={messageFor("displayName")}
        />
        <PasswordField
          label={t("auth.password")}
          name="password"
          hint={t("auth.passwordHint")}
          autoComplete="new-password"
          value={values.password}
          onChange={update("password")}
          onBlur={blur("password")}
          error={messageFor("password")}
        />
        <Button type="submit" size="lg" block disabled={signUp.isPending}>
          {signUp.isPending ? t("auth.signingUp") : t("auth.signUpSubmit")}
        </Button>
      </form>
      <p className={styles.switch}>
        {t("auth.haveAccount")} <Link to={withNext(paths.signIn, returnTo)}>{t("auth.toSignIn")}</Link>
      </p>
    </AuthLayout>
  );
}
