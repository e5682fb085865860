import type { User } from "@agora/protocol/identity";
import { type GroupPreview, qrRoutes, type Resolved } from "@agora/protocol/qr";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { call, isApiError } from "../../api/client.ts";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Avatar } from "../../ui/Avatar.tsx";
import { Button, buttonClass } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { AlertIcon } from "../../ui/Icons.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { useMe } from "../auth/me-context.ts";
import { useCreateConversation } from "../chats/chat-queries.ts";
import { useContactRequests, useContacts } from "../contacts/contacts-queries.ts";
import { SendRequestDialog } from "../contacts/SendRequestDialog.tsx";
import { PaySheet } from "../wallet/PaySheet.tsx";
import { LinkIcon } from "./icons.tsx";
import styles from "./Qr.module.css";
import { useJoinGroup } from "./qr-queries.ts";
import { classifyScan } from "./scanned.ts";

/** State handed to the approval screen (kept out of the URL: the code is a one-time secret). */
export interface LoginApprovalState {
  code: string;
  expiresAt: string;
  /** The waiting browser's User-Agent, as the server saw it. */
  device: string | null;
}

/** What a scanned text is: read locally, then (for an Agora code) asked of the server. */
export function useOutcome(text: string | null) {
  const scanned = text === null ? null : classifyScan(text);
  const url = scanned?.kind === "agora" ? scanned.url : null;
  const resolved = useQuery({
    queryKey: ["qr", "resolve", url],
    queryFn: () => call(qrRoutes.resolve, { body: { url: url ?? "" } }),
    enabled: url !== null,
    retry: false,
    gcTime: 0,
    // Asked once per scan: a later refetch must not swap the sheet under the person's finger.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  // A web login is approved on its own screen, the way a phone asks before anything signs in.
  const navigate = useNavigate();
  const login = resolved.data?.kind === "login" ? resolved.data : null;
  useEffect(() => {
    if (login) {
      const state: LoginApprovalState = {
        code: login.code,
        expiresAt: login.expiresAt,
        device: login.device,
      };
      navigate(paths.approveLogin, { state });
    }
  }, [login, navigate]);
  return { scanned, resolved };
}

type Outcome = ReturnType<typeof useOutcome>;

/** Adding a scanned person: who is being added now, and who was sent a request from here. */
interface AddFlow {
  add: (user: User) => void;
  sent: readonly string[];
}

/**
 * The friend-request dialog for a scanned person. It is rendered beside the result sheet, not
 * inside it: a nested <dialog>'s close event would bubble (in React) to the sheet and close it.
 */
export function useAddFlow(): AddFlow & { adding: boolean; dialog: ReactNode } {
  const [adding, setAdding] = useState<User | null>(null);
  const [sent, setSent] = useState<readonly string[]>([]);
  const dialog = (
    <SendRequestDialog
      user={adding}
      onClose={() => setAdding(null)}
      onSent={(user) => {
        setAdding(null);
        setSent((ids) => [...ids, user.id]);
      }}
    />
  );
  return { add: setAdding, sent, adding: adding !== null, dialog };
}

export function outcomeTitle(t: TFunction, { scanned, resolved }: Outcome): string {
  if (scanned?.kind === "link") return t("qr.result.linkTitle");
  if (scanned?.kind === "text") return t("qr.result.textTitle");
  if (resolved.isError) return t("qr.result.errorTitle");
  switch (resolved.data?.kind) {
    case "user":
      return t("qr.result.userTitle");
    case "group":
      return t("qr.result.groupTitle");
    case "merchant":
    case "miniapp":
      return t("qr.result.unsupportedTitle");
    default:
      return t("qr.result.readingTitle");
  }
}

/** The scan screen's answer to a code, in a modal sheet over the camera. */
export function ScanResultSheet({ text, onClose }: { text: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const outcome = useOutcome(text);
  const flow = useAddFlow();
  const data = text === null ? undefined : outcome.resolved.data;
  if (data?.kind === "pay") {
    // Someone's "pay me" code: straight to the wallet's pay sheet (payee, amount, PIN).
    return (
      <PaySheet
        open
        payee={data.payee}
        amount={data.amount ?? undefined}
        onClose={onClose}
        onDone={() => navigate(paths.wallet)}
      />
    );
  }
  const open = text !== null && data?.kind !== "login";
  return (
    <>
      <Dialog
        open={open && !flow.adding}
        title={outcomeTitle(t, outcome)}
        // Hidden while the friend request is written: that close is not the person leaving.
        onClose={() => {
          if (!flow.adding) onClose();
        }}
      >
        {open && <OutcomeBody outcome={outcome} flow={flow} onDone={onClose} />}
      </Dialog>
      {flow.dialog}
    </>
  );
}

/** What to do with a scanned code: shared by the scan sheet and the /q/<token> page. */
export function OutcomeBody({
  outcome,
  flow,
  onDone,
}: {
  outcome: Outcome;
  flow: AddFlow;
  onDone: () => void;
}) {
  const { scanned, resolved } = outcome;
  if (scanned === null) return null;
  if (scanned.kind === "link") return <LinkOutcome url={scanned.url} onDone={onDone} />;
  if (scanned.kind === "text") return <TextOutcome text={scanned.text} onDone={onDone} />;
  return <AgoraOutcome url={scanned.url} resolved={resolved} flow={flow} onDone={onDone} />;
}

function AgoraOutcome({
  url,
  resolved,
  flow,
  onDone,
}: {
  url: string;
  resolved: UseQueryResult<Resolved>;
  flow: AddFlow;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  if (resolved.isPending) return <LoadingState label={t("qr.result.reading")} />;
  if (resolved.isError) return <ErrorOutcome error={resolved.error} onDone={onDone} />;
  const data = resolved.data;
  switch (data.kind) {
    case "user":
      return <UserOutcome user={data.user} flow={flow} onDone={onDone} />;
    case "group":
      return <GroupOutcome url={url} group={data.group} onDone={onDone} />;
    case "pay":
      // The wallet's own pay screen (the scan screen opens its pay sheet instead).
      return (
        <Navigate to={paths.pay(data.payee.id, data.amount ? { amount: data.amount.amount } : {})} replace />
      );
    case "login":
      return <LoadingState />;
    default:
      return (
        <Message
          icon={<AlertIcon />}
          body={t("qr.result.unsupported", { name: data.name })}
          onDone={onDone}
        />
      );
  }
}

function Message({ icon, body, onDone }: { icon: ReactNode; body: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.outcome}>
      <span className={styles.outcomeIcon}>{icon}</span>
      <p className={styles.outcomeText}>{body}</p>
      <Button block onClick={onDone}>
        {t("qr.result.ok")}
      </Button>
    </div>
  );
}

export function describeQrError(t: TFunction, error: unknown): string {
  if (isApiError(error, "qr_unknown")) return t("qr.errors.unknown");
  if (isApiError(error, "qr_expired")) return t("qr.errors.expired");
  if (isApiError(error, "qr_wrong_kind")) return t("qr.errors.wrongKind");
  if (isApiError(error, "group_full")) return t("qr.errors.groupFull");
  if (isApiError(error, "not_a_group")) return t("qr.errors.notAGroup");
  return describeError(t, error);
}

function ErrorOutcome({ error, onDone }: { error: unknown; onDone: () => void }) {
  const { t } = useTranslation();
  return <Message icon={<AlertIcon />} body={describeQrError(t, error)} onDone={onDone} />;
}

function Person({ user, note }: { user: User; note?: string | undefined }) {
  return (
    <div className={styles.person}>
      <Avatar user={user} size="lg" />
      <div className={styles.personText}>
        <strong className={styles.personName}>{user.displayName}</strong>
        <span className={styles.personHandle}>@{user.handle}</span>
        {note && <span className={styles.personNote}>{note}</span>}
      </div>
    </div>
  );
}

function UserOutcome({ user, flow, onDone }: { user: User; flow: AddFlow; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const contacts = useContacts();
  const requests = useContactRequests();
  const openChat = useCreateConversation();
  const sent = flow.sent.includes(user.id);

  if (user.id === me.id) {
    return (
      <div className={styles.outcome}>
        <Person user={user} note={t("qr.result.yourOwnCode")} />
        <Button block onClick={onDone}>
          {t("qr.result.ok")}
        </Button>
      </div>
    );
  }
  if (contacts.isPending || requests.isPending) return <LoadingState />;
  const isContact = contacts.data?.some((c) => c.id === user.id) ?? false;
  const pending = requests.data?.find(
    (r) => r.status === "pending" && (r.direction === "outgoing" ? r.to : r.from) === user.id,
  );
  const requested = sent || pending?.direction === "outgoing";

  return (
    <div className={styles.outcome}>
      <Person
        user={user}
        note={
          isContact
            ? t("qr.result.alreadyContact")
            : requested
              ? t("qr.result.requested")
              : pending
                ? t("qr.result.wantsToAdd", { name: user.displayName })
                : undefined
        }
      />
      {openChat.isError && <Alert tone="error">{describeError(t, openChat.error)}</Alert>}
      {sent && <Alert tone="success">{t("qr.result.requestSent", { name: user.displayName })}</Alert>}
      <div className={styles.outcomeActions}>
        {isContact ? (
          <Button
            block
            size="lg"
            disabled={openChat.isPending}
            onClick={() =>
              openChat.mutate(
                { type: "direct", userId: user.id },
                { onSuccess: (conversation) => navigate(paths.chat(conversation.id)) },
              )
            }
          >
            {t("qr.result.message")}
          </Button>
        ) : pending?.direction === "incoming" ? (
          <Button block size="lg" onClick={() => navigate(paths.newFriends)}>
            {t("qr.result.seeRequest")}
          </Button>
        ) : (
          <Button block size="lg" disabled={requested} onClick={() => flow.add(user)}>
            {requested ? t("qr.result.requested") : t("qr.result.addContact")}
          </Button>
        )}
        <Button block variant="secondary" onClick={() => navigate(paths.contact(user.id))}>
          {t("qr.result.viewProfile")}
        </Button>
      </div>
    </div>
  );
}

function GroupOutcome({ url, group, onDone }: { url: string; group: GroupPreview; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const join = useJoinGroup();
  const title = groupTitle(group);
  const expires = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(
    new Date(group.expiresAt),
  );
  return (
    <div className={styles.outcome}>
      <div className={styles.group}>
        <div
          className={styles.groupGrid}
          style={{ gridTemplateColumns: `repeat(${Math.min(3, group.members.length)}, 32px)` }}
          aria-hidden="true"
        >
          {group.members.slice(0, 9).map((member) => (
            <Avatar key={member.id} user={member} size="sm" />
          ))}
        </div>
        <strong className={styles.personName}>{title}</strong>
        <span className={styles.personHandle}>{t("qr.group.members", { count: group.memberCount })}</span>
        <span className={styles.personNote}>
          {t("qr.group.invitedBy", { name: group.invitedBy.displayName, date: expires })}
        </span>
      </div>
      {join.isError && <Alert tone="error">{describeQrError(t, join.error)}</Alert>}
      <div className={styles.outcomeActions}>
        {group.alreadyMember ? (
          <Button block size="lg" onClick={() => navigate(paths.chat(group.id))}>
            {t("qr.group.open")}
          </Button>
        ) : (
          <Button
            block
            size="lg"
            disabled={join.isPending}
            onClick={() =>
              join.mutate(url, { onSuccess: (conversation) => navigate(paths.chat(conversation.id)) })
            }
          >
            {join.isPending ? t("qr.group.joining") : t("qr.group.join")}
          </Button>
        )}
        <Button block variant="secondary" onClick={onDone} disabled={join.isPending}>
          {t("common.cancel")}
        </Button>
      </div>
    </div>
  );
}

function groupTitle(group: GroupPreview): string {
  if (group.title) return group.title;
  return group.members.map((m) => m.displayName).join(", ");
}

function Copy({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      block
      variant="secondary"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? t("qr.result.copied") : t("qr.result.copy")}
    </Button>
  );
}

function LinkOutcome({ url, onDone }: { url: string; onDone: () => void }) {
  const { t } = useTranslation();
  const host = new URL(url).host;
  return (
    <div className={styles.outcome}>
      <span className={styles.outcomeIcon}>
        <LinkIcon />
      </span>
      <p className={styles.outcomeText}>{t("qr.result.linkBody", { host })}</p>
      <p className={styles.scannedText}>{url}</p>
      <div className={styles.outcomeActions}>
        <a
          className={buttonClass("primary", "md", true)}
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          onClick={onDone}
        >
          {t("qr.result.openLink", { host })}
        </a>
        <Copy text={url} />
      </div>
    </div>
  );
}

function TextOutcome({ text, onDone }: { text: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.outcome}>
      <p className={styles.outcomeText}>{t("qr.result.textBody")}</p>
      <p className={styles.scannedText}>{text}</p>
      <div className={styles.outcomeActions}>
        <Copy text={text} />
        <Button block variant="plain" onClick={onDone}>
          {t("qr.result.done")}
        </Button>
      </div>
    </div>
  );
}
