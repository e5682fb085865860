import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { SignInWithQr } from "../qr/QrLoginPanel.tsx";
import styles from "./Auth.module.css";
import { AuthLayout } from "./AuthLayout.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { safeNext, withNext } from "./return-to.ts";
import { useSignIn } from "./session.ts";
import { normalizeHandle } from "./validation.ts";

export function SignInScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  // Where a link (a scanned QR code) was going before sign-in was needed.
  const returnTo = safeNext(useSearchParams()[0].get("next"));
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<{ handle?: boolean; password?: boolean }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = { handle: normalizeHandle(handle) === "", password: password === "" };
    setMissing(next);
    if (next.handle || next.password) return;
    signIn.mutate(
      { handle: normalizeHandle(handle), password },
      { onSuccess: () => navigate(returnTo ?? paths.chats, { replace: true }) },
    );
  };

  const failure = signIn.error
    ? isApiError(signIn.error, "invalid_credentials")
      ? t("auth.errors.wrongCredentials")
      : describeError(t, signIn.error)
    : undefined;

  return (
    <AuthLayout title={t("auth.signInTitle")} subtitle={t("auth.signInSubtitle")}>
      <SignInWithQr next={returnTo}>
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          {returnTo && <Alert tone="info">{t("qr.signIn.toContinue")}</Alert>}
          {failure && <Alert tone="error">{failure}</Alert>}
          <TextField
            label={t("auth.handle")}
            name="handle"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            error={missing.handle ? t("auth.errors.handleRequired") : undefined}
          />
          <PasswordField
            label={t("auth.password")}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={missing.password ? t("auth.errors.passwordRequired") : undefined}
          />
          <Button type="submit" size="lg" block disabled={signIn.isPending}>
            {signIn.isPending ? t("auth.signingIn") : t("auth.signInSubmit")}
          </Button>
        </form>
        <p className={styles.switch}>
          {t("auth.noAccount")} <Link to={withNext(paths.signUp, returnTo)}>{t("auth.toSignUp")}</Link>
        </p>
      </SignInWithQr>
    </AuthLayout>
  );
}
