import type { User } from "@agora/protocol/identity";
import { useState } from "react";
import styles from "./Avatar.module.css";
import { avatarColor, avatarThumbUrl, initialsOf } from "./avatar.ts";

type AvatarSize = "sm" | "md" | "lg" | "xl";

/** Whom an avatar shows; `avatarUrl` is optional so places that only know a name still compile. */
export type AvatarUser = Pick<User, "id" | "displayName"> & { avatarUrl?: string | null | undefined };

export interface AvatarProps {
  user: AvatarUser;
  size?: AvatarSize;
  /**
   * Say who this is (an image named after the person). Leave it off where the name is written
   * beside the avatar: then the avatar is decorative and screen readers skip it.
   */
  labelled?: boolean;
}

/**
 * The person's photo (its small thumbnail, loaded lazily) over their initials on a colour derived
 * from the id; the initials stay while the photo loads, when there is none, and if it fails.
 */
export function Avatar({ user, size = "md", labelled = false }: AvatarProps) {
  const src = user.avatarUrl ? avatarThumbUrl(user.avatarUrl) : null;
  return (
    <span
      className={`${styles.avatar} ${styles[size]}`}
      style={{ backgroundColor: avatarColor(user.id) }}
      {...(labelled ? { role: "img", "aria-label": user.displayName } : { "aria-hidden": true })}
    >
      <span className={styles.initials}>{initialsOf(user.displayName)}</span>
      {/* Keyed by the address: a new photo starts hidden again until it has loaded. */}
      {src && <AvatarPhoto key={src} src={src} />}
    </span>
  );
}

function AvatarPhoto({ src }: { src: string }) {
  const [state, setState] = useState<"loading" | "loaded" | "failed">("loading");
  if (state === "failed") return null;
  return (
    <img
      className={`${styles.photo} ${state === "loaded" ? styles.loaded : ""}`}
      src={src}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
      onLoad={() => setState("loaded")}
      onError={() => setState("failed")}
    />
  );
}
