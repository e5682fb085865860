// `npm run ledger:verify`: recomputes every balance from the ledger's postings and checks the
// invariants (see apps/server/src/modules/wallet/verify.ts). Uses DATABASE_URL, else DATA_DIR's
// embedded database (stop the server first: PGlite opens a directory from one process only).
// Exits 1 on any violation.

import { formatReport, verifyLedger } from "../apps/server/src/modules/wallet/verify.ts";
import { loadConfig } from "../apps/server/src/platform/config.ts";
import { openDatabase } from "../apps/server/src/platform/db.ts";

const config = loadConfig();
const where = config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@/]*@/, "//…@") : `${config.dataDir}/pg`;
const database = await openDatabase(config);
let code = 0;
try {
  const report = await verifyLedger(database.db as never);
  console.log(`Ledger at ${where}`);
  console.log(formatReport(report));
  code = report.violations.length === 0 ? 0 : 1;
} catch (err) {
  if (/ledger_accounts.*does not exist/.test(String((err as Error).message))) {
    console.log(
      `Ledger at ${where}: no ledger tables yet (the server never started here). Nothing to check.`,
    );
  } else {
    console.error(`ledger:verify failed: ${(err as Error).message}`);
    code = 1;
  }
} finally {
  await database.close();
}
process.exit(code);
