import { useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { Avatar } from "../../ui/Avatar.tsx";
import { CloseIcon } from "../../ui/Icons.tsx";
import { useModalDialog } from "../../ui/use-modal-dialog.ts";
import { useMe } from "../auth/me-context.ts";
import styles from "./RedPacket.module.css";
import { useClaimRedPacket, useRedPacket } from "./red-packet-queries.ts";
import { describeWalletError } from "./wallet-errors.ts";

/**
 * Opening a red packet: the envelope with the sender and greeting, and the round "Open" button
 * that spins while the claim goes through (still, under prefers-reduced-motion), then the
 * details. With nothing to open (mine, all claimed, expired) it says so or goes to the details.
 */
export function RedPacketOpenDialog({ redPacketId, onClose }: { redPacketId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const packet = useRedPacket(redPacketId);
  const claim = useClaimRedPacket(redPacketId);
  const { ref, props } = useModalDialog(true, () => {
    if (!claim.isPending) onClose();
  });
  const titleId = useId();
  const details = paths.redPacket(redPacketId);
  const data = packet.data;

  // Mine, or opened already: nothing to open, straight to who got what.
  const goStraight = Boolean(data && (data.myClaim || (data.sender.id === me.id && !data.canClaim)));
  useEffect(() => {
    if (goStraight) navigate(details);
  }, [goStraight, navigate, details]);

  const open = () =>
    claim.mutate(undefined, {
      onSuccess: () => navigate(details),
      onError: (err) => {
        if (isApiError(err, "already_claimed") || isApiError(err, "sender_cannot_claim")) navigate(details);
      },
    });

  let message: string | null = null;
  if (isApiError(claim.error, "red_packet_empty") || (data && !data.canClaim && data.status === "finished"))
    message = t("wallet.redPacket.allClaimed");
  else if (
    isApiError(claim.error, "red_packet_expired") ||
    (data && !data.canClaim && data.status === "expired")
  )
    message = t("wallet.redPacket.expired");
  else if (data && !data.canClaim && !data.myClaim) message = t("wallet.redPacket.notForYou");
  else if (claim.isError) message = describeWalletError(t, claim.error, i18n.language);
  const canOpen = Boolean(data?.canClaim) && !message;
  // The envelope's one action takes the focus (the dialog would give it to Close, first in order).
  const openButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (canOpen) openButton.current?.focus();
  }, [canOpen]);

  return createPortal(
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} {...props}>
      <div className={styles.envelope}>
        <button
          type="button"
          className={styles.close}
          onClick={onClose}
          disabled={claim.isPending}
          aria-label={t("wallet.close")}
        >
          <CloseIcon />
        </button>
        {data ? (
          <>
            <div className={styles.from}>
              <Avatar user={data.sender} size="md" />
              <h2 id={titleId} className={styles.fromName}>
                {t("wallet.redPacket.fromName", { name: data.sender.displayName })}
              </h2>
            </div>
            <p className={styles.envGreeting}>{data.greeting || t("wallet.redPacket.defaultGreeting")}</p>
            {message && (
              <p className={styles.envMessage} role="status">
                {message}
              </p>
            )}
            <div className={styles.flap} aria-hidden="true" />
            {canOpen && (
              <button
                ref={openButton}
                type="button"
                className={`${styles.openButton} ${claim.isPending ? styles.spinning : ""}`}
                onClick={open}
                disabled={claim.isPending}
                aria-label={claim.isPending ? t("wallet.redPacket.opening") : undefined}
              >
                {t("wallet.redPacket.open")}
              </button>
            )}
            {claim.isPending && (
              <p className="visually-hidden" role="status">
                {t("wallet.redPacket.opening")}
              </p>
            )}
            {!canOpen && (
              <Link to={details} className={styles.detailsLink}>
                {t("wallet.redPacket.seeDetails")}
              </Link>
            )}
          </>
        ) : packet.isError ? (
          <>
            <h2 id={titleId} className={styles.fromName}>
              {t("wallet.card.redPacket")}
            </h2>
            <p className={styles.envMessage} role="alert">
              {describeWalletError(t, packet.error, i18n.language)}
            </p>
          </>
        ) : (
          <h2 id={titleId} className={styles.fromName}>
            {t("common.loading")}
          </h2>
        )}
      </div>
    </dialog>,
    document.body,
  );
}
