import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { paths } from "../../app/paths.ts";
import { Page } from "../../ui/Page.tsx";
import styles from "./Qr.module.css";
import { OutcomeBody, outcomeTitle, useAddFlow, useOutcome } from "./ScanResult.tsx";
import { codeUrlFor } from "./scanned.ts";

/** A code opened from its link (`/q/<token>` after the gate): the same answer as scanning it. */
export function QrOpenScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useParams().token ?? "";
  const outcome = useOutcome(codeUrlFor(token, window.location.origin));
  const flow = useAddFlow();
  return (
    <Page title={outcomeTitle(t, outcome)} back={paths.chats}>
      <div className={styles.openBody}>
        <OutcomeBody outcome={outcome} flow={flow} onDone={() => navigate(paths.chats, { replace: true })} />
      </div>
      {flow.dialog}
    </Page>
  );
}
