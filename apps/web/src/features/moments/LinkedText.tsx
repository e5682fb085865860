import { linkify } from "../chats/linkify.ts";
import styles from "./Moments.module.css";

/** Text with its http(s) links as real anchors, built as React nodes (no HTML is parsed). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.type === "link" ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" className={styles.link}>
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
