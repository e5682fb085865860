import "i18next";
import type en from "./locales/en.json";
import type moments from "./locales/moments.en.json";
import type qr from "./locales/qr.en.json";
import type wallet from "./locales/wallet.en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en & typeof moments & typeof wallet & typeof qr };
  }
}
