import type { ContactRequest } from "@agora/protocol/contacts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { Alert } from "../../ui/Alert.tsx";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorState } from "../../ui/ErrorState.tsx";
import { AddPersonIcon } from "../../ui/Icons.tsx";
import { ListGroup } from "../../ui/ListGroup.tsx";
import { LoadingState } from "../../ui/LoadingState.tsx";
import { Page } from "../../ui/Page.tsx";
import styles from "./Contacts.module.css";
import { useAcceptRequest, useContactRequests, useDeclineRequest } from "./contacts-queries.ts";
import { IncomingRequestRow } from "./IncomingRequestRow.tsx";
import { OutgoingRequestRow } from "./OutgoingRequestRow.tsx";

type Outcome = { tone: "success" | "error"; text: string };

export function NewFriendsScreen() {
  const { t } = useTranslation();
  const requests = useContactRequests();
  const accept = useAcceptRequest();
  const decline = useDeclineRequest();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const respond = (request: ContactRequest, answer: "accept" | "decline") => {
    const name = request.fromUser.displayName;
    const mutation = answer === "accept" ? accept : decline;
    setOutcome(null);
    mutation.mutate(request.id, {
      onSuccess: () =>
        setOutcome({
          tone: "success",
          text: answer === "accept" ? t("requests.accepted", { name }) : t("requests.declined", { name }),
        }),
      onError: (err) => setOutcome({ tone: "error", text: describeError(t, err) }),
    });
  };

  const busyId = accept.isPending ? accept.variables : decline.isPending ? decline.variables : undefined;
  const pending = requests.data?.filter((r) => r.status === "pending") ?? [];
  const incoming = pending.filter((r) => r.direction === "incoming");
  const outgoing = pending.filter((r) => r.direction === "outgoing");

  return (
    <Page title={t("requests.title")} back={paths.contacts}>
      {outcome && (
        <div className={styles.notice}>
          <Alert tone={outcome.tone}>{outcome.text}</Alert>
        </div>
      )}
      {requests.isPending ? (
        <LoadingState />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : pending.length === 0 ? (
        <EmptyState
          icon={<AddPersonIcon />}
          title={t("requests.emptyTitle")}
          body={t("requests.emptyBody")}
        />
      ) : (
        <>
          {incoming.length > 0 && (
            <ListGroup heading={t("requests.incoming")} id="incoming">
              {incoming.map((request) => (
                <IncomingRequestRow
                  key={request.id}
                  request={request}
                  busy={busyId === request.id}
                  onAccept={() => respond(request, "accept")}
                  onDecline={() => respond(request, "decline")}
                />
              ))}
            </ListGroup>
          )}
          {outgoing.length > 0 && (
            <ListGroup heading={t("requests.outgoing")} id="outgoing">
              {outgoing.map((request) => (
                <OutgoingRequestRow key={request.id} request={request} />
              ))}
            </ListGroup>
          )}
        </>
      )}
    </Page>
  );
}
