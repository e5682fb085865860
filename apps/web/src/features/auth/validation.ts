import { HANDLE_PATTERN } from "@agora/protocol/identity";

/** Keys under `auth.errors` in the locale files. */
export type FieldError =
  | "handleRequired"
  | "handleInvalid"
  | "displayNameRequired"
  | "displayNameTooLong"
  | "passwordRequired"
  | "passwordTooShort"
  | "passwordTooLong";

export interface SignUpValues {
  handle: string;
  displayName: string;
  password: string;
}

export type SignUpErrors = Partial<Record<keyof SignUpValues, FieldError>>;

/** The server trims and lowercases handles; the form shows the same value it will send. */
export function normalizeHandle(raw: string): string {
  return raw.trim().toLowerCase();
}

export function validateHandle(raw: string): FieldError | undefined {
  const handle = normalizeHandle(raw);
  if (handle === "") return "handleRequired";
  if (!HANDLE_PATTERN.test(handle)) return "handleInvalid";
  return undefined;
}

export function validateDisplayName(raw: string): FieldError | undefined {
  const name = raw.trim();
  if (name === "") return "displayNameRequired";
  if (name.length > 64) return "displayNameTooLong";
  return undefined;
}

export function validatePassword(password: string): FieldError | undefined {
  if (password === "") return "passwordRequired";
  if (password.length < 8) return "passwordTooShort";
  if (password.length > 256) return "passwordTooLong";
  return undefined;
}

/** Mirrors the server's RegisterBody rules, so most mistakes are caught before a round trip. */
export function validateSignUp(values: SignUpValues): SignUpErrors {
  const errors: SignUpErrors = {};
  const handle = validateHandle(values.handle);
  const displayName = validateDisplayName(values.displayName);
  const password = validatePassword(values.password);
  if (handle) errors.handle = handle;
  if (displayName) errors.displayName = displayName;
  if (password) errors.password = password;
  return errors;
}
