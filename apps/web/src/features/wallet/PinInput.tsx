import { type Ref, useId } from "react";
import styles from "./Pin.module.css";

export const PIN_LENGTH = 6;

export interface PinInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Called once the sixth digit is typed. */
  onComplete?: (pin: string) => void;
  label: string;
  /** Read with the field (a wrong PIN, tries left). */
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * The 6-digit payment PIN: one real password input (numeric keyboard, masked, read by screen
 * readers as a secure field with its label) drawn as six boxes of dots. Paste, backspace and
 * the keyboard work as in any input, because it is one.
 */
export function PinInput({
  value,
  onChange,
  onComplete,
  label,
  error,
  hint,
  disabled,
  autoFocus,
  ref,
}: PinInputProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const focusAt = Math.min(value.length, PIN_LENGTH - 1);
  return (
    <div className={styles.pinField}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className={`${styles.pin} ${error ? styles.pinInvalid : ""}`}>
        <input
          ref={ref}
          id={id}
          className={styles.pinInput}
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          maxLength={PIN_LENGTH}
          value={value}
          disabled={disabled}
          // biome-ignore lint/a11y/noAutofocus: the PIN sheet opens to take the PIN; its field is the one thing to do.
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? noteId : undefined}
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, "").slice(0, PIN_LENGTH);
            onChange(digits);
            if (digits.length === PIN_LENGTH && value.length < PIN_LENGTH) onComplete?.(digits);
          }}
        />
        <div className={styles.boxes} aria-hidden="true">
          {Array.from({ length: PIN_LENGTH }, (_, i) => (
            <span
              key={i}
              className={`${styles.box} ${i === focusAt ? styles.boxCurrent : ""} ${i < value.length ? styles.boxFilled : ""}`}
            >
              {i < value.length && <span className={styles.dot} />}
            </span>
          ))}
        </div>
      </div>
      {(error || hint) && (
        <p
          id={noteId}
          className={error ? styles.pinError : styles.pinHint}
          role={error ? "alert" : undefined}
        >
          {error ?? hint}
        </p>
      )}
    </div>
  );
}
