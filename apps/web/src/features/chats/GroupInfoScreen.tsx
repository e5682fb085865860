import type { User } from "@agora/protocol/identity";
import type { Conversation } from "@agora/protocol/messaging";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { Dialog, DialogActions } from "../../ui/Dialog.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { AddPersonIcon, EditIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useMe } from "../auth/me-context.ts";
import { useContacts } from "../contacts/contacts-queries.ts";
import { GroupQrRow } from "../qr/entries.tsx";
import { ConversationAvatar } from "./ConversationAvatar.tsx";
import {
  useAddMembers,
  useConversation,
  useLeaveGroup,
  useRemoveMember,
  useRenameGroup,
} from "./chat-queries.ts";
import infoStyles from "./GroupInfo.module.css";
import { ContactPicker } from "./NewChatScreen.tsx";
import styles from "./Picker.module.css";

export function GroupInfoScreen() {
  const { t } = useTranslation();
  const id = useParams().conversationId ?? "";
  const conversation = useConversation(id);
  if (conversation.isPending) {
    return (
      <Page title={t("group.title")} back={paths.chat(id)}>
        <LoadingState />
      </Page>
    );
  }
  if (conversation.isError) {
    return (
      <Page title={t("group.title")} back={paths.chats}>
        {isApiError(conversation.error) && conversation.error.status === 404 ? (
          <EmptyState title={t("chat.gone")} />
        ) : (
          <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
        )}
      </Page>
    );
  }
  return <GroupInfo conversation={conversation.data} />;
}

type Open = { kind: "rename" } | { kind: "add" } | { kind: "remove"; user: User } | { kind: "leave" } | null;

function GroupInfo({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const rename = useRenameGroup(conversation.id);
  const remove = useRemoveMember(conversation.id);
  const leave = useLeaveGroup(conversation.id, me.id);
  const isOwner = conversation.ownerId === me.id;
  const title = conversation.title ?? "";
  const failure = rename.error ?? remove.error ?? leave.error;

  return (
    <Page title={t("group.title")} back={paths.chat(conversation.id)}>
      <section className={infoStyles.hero} aria-label={title}>
        <span className={infoStyles.heroAvatar}>
          <ConversationAvatar conversation={conversation} meId={me.id} />
        </span>
        <h2 className={infoStyles.heroTitle}>{title}</h2>
        <p className={infoStyles.heroCount}>{t("chat.members", { count: conversation.members.length })}</p>
      </section>

      {failure && (
        <div className={infoStyles.notice}>
          <Alert tone="error">{describeError(t, failure)}</Alert>
        </div>
      )}

      {isOwner && (
        <ListGroup>
          <ListRow
            onClick={() => setOpen({ kind: "rename" })}
            leading={
              <IconTile tone="green">
                <EditIcon />
              </IconTile>
            }
            title={t("group.name")}
            trailing={<span className={infoStyles.value}>{title}</span>}
            label={`${t("group.rename")}: ${title}`}
          />
          <ListRow
            onClick={() => setOpen({ kind: "add" })}
            leading={
              <IconTile tone="blue">
                <AddPersonIcon />
              </IconTile>
            }
            title={t("group.addMembers")}
          />
        </ListGroup>
      )}

      <ListGroup>
        <GroupQrRow conversationId={conversation.id} />
      </ListGroup>

      <ListGroup heading={t("group.members")} id="group-members">
        {conversation.members.map((member) => (
          <ListRow
            key={member.id}
            leading={<Avatar user={member} size="sm" />}
            title={member.id === me.id ? `${member.displayName} (${t("chat.you")})` : member.displayName}
            subtitle={member.id === conversation.ownerId ? t("group.owner") : `@${member.handle}`}
            trailing={
              isOwner && member.id !== me.id ? (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setOpen({ kind: "remove", user: member })}
                  aria-label={t("group.removeName", { name: member.displayName })}
                >
                  {t("group.remove")}
                </Button>
              ) : undefined
            }
          />
        ))}
      </ListGroup>

      <ListGroup>
        <ListRow title={t("group.leave")} tone="danger" onClick={() => setOpen({ kind: "leave" })} />
      </ListGroup>

      <RenameDialog
        open={open?.kind === "rename"}
        current={title}
        busy={rename.isPending}
        onCancel={() => setOpen(null)}
        onSave={(value) => rename.mutate(value, { onSettled: () => setOpen(null) })}
      />
      <AddMembersDialog
        conversation={conversation}
        open={open?.kind === "add"}
        onClose={() => setOpen(null)}
      />
      <ConfirmDialog
        open={open?.kind === "remove"}
        title={open?.kind === "remove" ? t("group.removeTitle", { name: open.user.displayName }) : ""}
        description={t("group.removeBody")}
        confirmLabel={t("group.remove")}
        busy={remove.isPending}
        onConfirm={() => {
          if (open?.kind === "remove") remove.mutate(open.user.id, { onSettled: () => setOpen(null) });
        }}
        onCancel={() => setOpen(null)}
      />
      <ConfirmDialog
        open={open?.kind === "leave"}
        title={t("group.leaveTitle", { title })}
        description={t("group.leaveBody")}
        confirmLabel={t("group.leaveConfirm")}
        busy={leave.isPending}
        onConfirm={() =>
          leave.mutate(undefined, {
            onSuccess: () => navigate(paths.chats, { replace: true }),
            onSettled: () => setOpen(null),
          })
        }
        onCancel={() => setOpen(null)}
      />
    </Page>
  );
}

function RenameDialog({
  open,
  current,
  busy,
  onSave,
  onCancel,
}: {
  open: boolean;
  current: string;
  busy: boolean;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current);
  return (
    <Dialog open={open} title={t("group.renameTitle")} onClose={onCancel}>
      <form
        className={infoStyles.dialogForm}
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onSave(value.trim());
        }}
      >
        <TextField
          label={t("group.name")}
          value={value}
          maxLength={64}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
        />
        <DialogActions>
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={busy || !value.trim()}>
            {busy ? t("common.saving") : t("common.save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function AddMembersDialog({
  conversation,
  open,
  onClose,
}: {
  conversation: Conversation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const contacts = useContacts();
  const add = useAddMembers(conversation.id);
  const [selected, setSelected] = useState<string[]>([]);
  const memberIds = conversation.members.map((m) => m.id);
  const candidates = contacts.data ?? [];
  const close = () => {
    setSelected([]);
    add.reset();
    onClose();
  };
  return (
    <Dialog open={open} title={t("group.addTitle")} onClose={close}>
      <div className={infoStyles.pickerScroll}>
        {candidates.every((c) => memberIds.includes(c.id)) ? (
          <p className={styles.legend}>{t("group.noneToAdd")}</p>
        ) : (
          <ContactPicker
            legend={t("newChat.choose")}
            contacts={candidates}
            selected={selected}
            disabledIds={memberIds}
            onChange={setSelected}
          />
        )}
      </div>
      {add.isError && <Alert tone="error">{describeError(t, add.error)}</Alert>}
      <DialogActions>
        <Button variant="secondary" onClick={close} disabled={add.isPending}>
          {t("common.cancel")}
        </Button>
        <Button
          disabled={selected.length === 0 || add.isPending}
          onClick={() => add.mutate(selected, { onSuccess: close })}
        >
          {add.isPending ? t("group.adding") : t("group.add")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
