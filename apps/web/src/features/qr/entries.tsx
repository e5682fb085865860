import { useTranslation } from "react-i18next";
import { paths } from "../../app/paths.ts";
import { ScanIcon } from "../../ui/Icons.tsx";
import { IconTile } from "../../ui/IconTile.tsx";
import { ListRow } from "../../ui/ListRow.tsx";
import { QrCodeIcon, ReceiveIcon } from "./icons.tsx";

/** The ways into the QR screens from other screens (Me, Add contact, group info). */

/** Me: my QR code and receive money. */
export function MeQrRows() {
  const { t } = useTranslation();
  return (
    <>
      <ListRow
        to={paths.myQr}
        leading={
          <IconTile tone="grey">
            <QrCodeIcon />
          </IconTile>
        }
        title={t("qr.entry.myQr")}
      />
      <ListRow
        to={paths.receiveMoney}
        leading={
          <IconTile tone="orange">
            <ReceiveIcon />
          </IconTile>
        }
        title={t("qr.entry.receive")}
      />
    </>
  );
}

/** Add contact: scan someone's code, or show mine. */
export function AddByQrRows() {
  const { t } = useTranslation();
  return (
    <>
      <ListRow
        to={paths.scan}
        leading={
          <IconTile tone="blue">
            <ScanIcon />
          </IconTile>
        }
        title={t("qr.entry.scanQr")}
        subtitle={t("qr.entry.scanContact")}
      />
      <ListRow
        to={paths.myQr}
        leading={
          <IconTile tone="grey">
            <QrCodeIcon />
          </IconTile>
        }
        title={t("qr.entry.myQr")}
        subtitle={t("qr.entry.myQrContact")}
      />
    </>
  );
}

/** Group info: the group's invite code. */
export function GroupQrRow({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  return (
    <ListRow
      to={paths.groupQr(conversationId)}
      leading={
        <IconTile tone="grey">
          <QrCodeIcon />
        </IconTile>
      }
      title={t("qr.entry.groupQr")}
    />
  );
}
