import type { ButtonHTMLAttributes } from "react";
import styles from "./Button.module.css";

type Variant = "primary" | "secondary" | "tonal" | "danger" | "plain";
type Size = "md" | "sm" | "lg";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  block?: boolean;
}

export function Button({ variant = "primary", size = "md", block, className, type, ...props }: ButtonProps) {
  const classes = [styles.button, styles[variant], styles[size], block ? styles.block : "", className ?? ""];
  return <button type={type ?? "button"} className={classes.join(" ").trim()} {...props} />;
}

/** The class of a button, for links that look like one. */
export function buttonClass(variant: Variant = "primary", size: Size = "md", block = false): string {
  return [styles.button, styles[variant], styles[size], block ? styles.block : ""].join(" ").trim();
}
