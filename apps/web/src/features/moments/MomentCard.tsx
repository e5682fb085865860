import type { User } from "@agora/protocol/identity";
import type { Moment, MomentComment, MomentVisibility } from "@agora/protocol/moments";
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { Dialog, DialogActions } from "../../ui/Dialog.tsx";
import { LockIcon } from "../../ui/Icons.tsx";
import { LinkedText } from "./LinkedText.tsx";
import { CommentIcon, HeartIcon, MomentMoreIcon, PeopleIcon } from "./MomentIcons.tsx";
import styles from "./Moments.module.css";
import { useDeleteComment, useDeleteMoment, useToggleLike } from "./moments-queries.ts";
import { PhotoGrid } from "./PhotoGrid.tsx";
import { PhotoViewer } from "./PhotoViewer.tsx";
import { momentTime } from "./relative-time.ts";
import { useLongPress } from "./use-long-press.ts";

export interface MomentCardProps {
  moment: Moment;
  me: User;
  now: Date;
  /** Open the comment bar for this moment, answering `replyTo` (or the moment itself). */
  onComment: (moment: Moment, replyTo: User | null) => void;
  /** Called once the moment is deleted (a detail screen leaves). */
  onDeleted?: () => void;
}

/** Where a person's name leads: my own moments for me, a profile for anyone else. */
export function personPath(user: User, me: User): string {
  return user.id === me.id ? paths.userMoments(me.id) : paths.contact(user.id);
}

/** One moment as WeChat shows it: avatar, name, text, photos, time, then likes and comments. */
export function MomentCard({ moment, me, now, onComment, onDeleted }: MomentCardProps) {
  const { t, i18n } = useTranslation();
  const nameId = useId();
  const [viewing, setViewing] = useState<number | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [commentMenu, setCommentMenu] = useState<MomentComment | null>(null);
  const like = useToggleLike(me);
  const remove = useDeleteMoment();
  const removeComment = useDeleteComment();
  const mine = moment.author.id === me.id;
  const created = new Date(moment.createdAt);
  const failure = like.error ?? removeComment.error;

  return (
    <article className={styles.card} aria-labelledby={nameId} data-moment-id={moment.id}>
      <Link to={personPath(moment.author, me)} className={styles.cardAvatar} tabIndex={-1} aria-hidden="true">
        <Avatar user={moment.author} size="sm" />
      </Link>
      <div className={styles.cardBody}>
        <h2 className={styles.cardName} id={nameId}>
          <Link to={personPath(moment.author, me)} className={styles.name}>
            {moment.author.displayName}
          </Link>
        </h2>
        {moment.text && <MomentText text={moment.text} />}
        <PhotoGrid media={moment.media} onOpen={setViewing} />
        <div className={styles.meta}>
          <time dateTime={moment.createdAt} title={created.toLocaleString(i18n.language)}>
            {momentTime(created, now, t, i18n.language)}
          </time>
          {mine && moment.visibility && <VisibilityNote visibility={moment.visibility} />}
          {mine && (
            <button type="button" className={styles.metaLink} onClick={() => setConfirmDelete(true)}>
              {t("moments.delete")}
            </button>
          )}
          <span className={styles.metaSpacer} />
          <ActionMenu
            open={menuOpen}
            onOpenChange={setMenuOpen}
            liked={moment.likedByMe}
            onLike={() => {
              setMenuOpen(false);
              like.mutate({ id: moment.id, like: !moment.likedByMe });
            }}
            onComment={() => {
              setMenuOpen(false);
              onComment(moment, null);
            }}
          />
        </div>
        {failure && (
          <div className={styles.cardAlert}>
            <Alert tone="error">{describeError(t, failure)}</Alert>
          </div>
        )}
        {(moment.likes.length > 0 || moment.comments.length > 0) && (
          <div className={styles.interactions}>
            {moment.likes.length > 0 && (
              <p className={styles.likes}>
                <HeartIcon className={styles.likesIcon} />
                <span className="visually-hidden">{t("moments.likedBy")} </span>
                {moment.likes.map((user, i) => (
                  <span key={user.id}>
                    {i > 0 && ", "}
                    <Link to={personPath(user, me)} className={styles.name}>
                      {user.displayName}
                    </Link>
                  </span>
                ))}
              </p>
            )}
            {moment.comments.length > 0 && (
              <ul className={styles.comments} aria-label={t("moments.comments")}>
                {moment.comments.map((comment) => (
                  <CommentRow
                    key={comment.id}
                    comment={comment}
                    me={me}
                    canDelete={mine || comment.author.id === me.id}
                    onReply={() => onComment(moment, comment.author)}
                    onMenu={() => setCommentMenu(comment)}
                  />
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <PhotoViewer photos={moment.media} start={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        open={confirmDelete}
        title={t("moments.deleteTitle")}
        description={t("moments.deleteBody")}
        confirmLabel={t("moments.deleteConfirm")}
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(moment.id, {
            onSuccess: () => onDeleted?.(),
            onSettled: () => setConfirmDelete(false),
          })
        }
      />
      <Dialog
        open={commentMenu !== null}
        title={
          commentMenu && commentMenu.author.id !== me.id
            ? t("moments.commentMenu.titleOf", { name: commentMenu.author.displayName })
            : t("moments.commentMenu.title")
        }
        description={commentMenu?.text}
        onClose={() => setCommentMenu(null)}
      >
        <DialogActions>
          {commentMenu && commentMenu.author.id !== me.id ? (
            <Button
              variant="secondary"
              onClick={() => {
                const author = commentMenu.author;
                setCommentMenu(null);
                onComment(moment, author);
              }}
            >
              {t("moments.commentMenu.reply")}
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setCommentMenu(null)}>
              {t("common.cancel")}
            </Button>
          )}
          <Button
            variant="danger"
            disabled={removeComment.isPending}
            onClick={() => {
              if (!commentMenu) return;
              removeComment.mutate(
                { id: moment.id, commentId: commentMenu.id },
                { onSettled: () => setCommentMenu(null) },
              );
            }}
          >
            {t("moments.commentMenu.delete")}
          </Button>
        </DialogActions>
      </Dialog>
    </article>
  );
}

function VisibilityNote({ visibility }: { visibility: MomentVisibility }) {
  const { t } = useTranslation();
  const label =
    visibility.mode === "private"
      ? t("moments.visibility.note.private")
      : visibility.mode === "only"
        ? t("moments.visibility.note.only", { count: visibility.userIds.length })
        : visibility.mode === "except"
          ? t("moments.visibility.note.except", { count: visibility.userIds.length })
          : null;
  if (!label) return null;
  return (
    <span className={styles.visibilityNote} title={label}>
      {visibility.mode === "private" ? <LockIcon /> : <PeopleIcon />}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** The "··" button: it slides out Like and Comment, as in WeChat. */
function ActionMenu({
  open,
  onOpenChange,
  liked,
  onLike,
  onComment,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  liked: boolean;
  onLike: () => void;
  onComment: () => void;
}) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "Escape" || !open) return;
    event.stopPropagation();
    onOpenChange(false);
    toggle.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onOpenChange(false);
    };
    document.addEventListener("pointerdown", onDown);
    root.current?.querySelector<HTMLButtonElement>("[data-first]")?.focus();
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open, onOpenChange]);

  return (
    <div ref={root} className={styles.actions}>
      {open && (
        <div className={styles.actionPill} id={menuId}>
          <button
            type="button"
            data-first="true"
            className={styles.actionItem}
            onClick={onLike}
            onKeyDown={onKeyDown}
          >
            <HeartIcon filled={liked} />
            {liked ? t("moments.unlike") : t("moments.like")}
          </button>
          <span className={styles.actionDivider} aria-hidden="true" />
          <button
            type="button"
            className={styles.actionItem}
            onClick={() => {
              // The menu closes: focus rests on its toggle, where the comment bar gives it back.
              toggle.current?.focus();
              onComment();
            }}
            onKeyDown={onKeyDown}
          >
            <CommentIcon />
            {t("moments.comment")}
          </button>
        </div>
      )}
      <button
        ref={toggle}
        type="button"
        className={styles.actionToggle}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("moments.actions")}
        onClick={() => onOpenChange(!open)}
        onKeyDown={onKeyDown}
      >
        <MomentMoreIcon />
      </button>
    </div>
  );
}

function CommentRow({
  comment,
  me,
  canDelete,
  onReply,
  onMenu,
}: {
  comment: MomentComment;
  me: User;
  canDelete: boolean;
  onReply: () => void;
  onMenu: () => void;
}) {
  const { t } = useTranslation();
  const mineComment = comment.author.id === me.id;
  const press = useLongPress(canDelete ? onMenu : undefined);
  const label = mineComment
    ? t("moments.commentMenu.open", { name: comment.author.displayName })
    : t("moments.replyTo", { name: comment.author.displayName });
  return (
    <li>
      <button
        type="button"
        className={styles.comment}
        onClick={mineComment ? onMenu : onReply}
        title={label}
        {...press}
      >
        <span className={styles.name}>{comment.author.displayName}</span>
        {comment.replyTo && (
          <>
            {" "}
            {t("moments.repliedTo")} <span className={styles.name}>{comment.replyTo.displayName}</span>
          </>
        )}
        {": "}
        <span className={styles.commentText}>{comment.text}</span>
      </button>
    </li>
  );
}

/** The text, cut after six lines with "Full text" to open it (as WeChat does with long posts). */
function MomentText({ text }: { text: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  const [long, setLong] = useState(false);
  const [open, setOpen] = useState(false);
  const id = useId();

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !open) setLong(el.scrollHeight > el.clientHeight + 1);
  }, [text, open]);

  return (
    <>
      <p ref={ref} id={id} className={`${styles.text} ${open ? "" : styles.clamped}`}>
        <LinkedText text={text} />
      </p>
      {long && (
        <button
          type="button"
          className={styles.fullText}
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? t("moments.collapse") : t("moments.fullText")}
        </button>
      )}
    </>
  );
}
