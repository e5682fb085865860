// The thread that runs embedded PGlite (started by pglite-worker.ts). Plain JavaScript on purpose:
// `npm start` registers tsx in its own thread only, and a worker does not inherit that hook.
//
// Protocol (parentPort), all requests answered in order of completion, matched by id:
//   → { id, sql, params }            ← { id, rows, affectedRows } | { id, error }
//   → { id, close: true }            ← { id } once PGlite has closed (then this thread ends)
//   ← { ready: true } | { ready: false, error }   once, after opening
import { parentPort, workerData } from "node:worker_threads";
import { messages, PGlite } from "@electric-sql/pglite";

/**
 * An error as plain data: PGlite's DatabaseError keeps its details (code, constraint, detail…)
 * in own properties, which structured clone would drop from an Error object.
 */
function errorData(err) {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), fields: {} };
  const fields = {};
  for (const [key, value] of Object.entries(err)) {
    try {
      structuredClone(value);
      fields[key] = value;
    } catch {
      // A detail that can't cross threads (a function, say) is left behind, not the error.
    }
  }
  return {
    name: err.name,
    message: err.message,
    stack: err.stack,
    database: err instanceof messages.DatabaseError,
    fields,
  };
}

const db = new PGlite(workerData.dataDir ?? undefined);
let ready = false;

db.waitReady.then(
  () => {
    ready = true;
    parentPort.postMessage({ ready: true });
  },
  (err) => parentPort.postMessage({ ready: false, error: errorData(err) }),
);

parentPort.on("message", async (request) => {
  if (request.close) {
    try {
      await db.waitReady.catch(() => {});
      if (!db.closed) await db.close();
      parentPort.postMessage({ id: request.id });
    } catch (err) {
      parentPort.postMessage({ id: request.id, error: errorData(err) });
    }
    parentPort.close();
    return;
  }
  try {
    if (!ready) await db.waitReady;
    const result = await db.query(request.sql, request.params);
    parentPort.postMessage({ id: request.id, rows: result.rows, affectedRows: result.affectedRows });
  } catch (err) {
    parentPort.postMessage({ id: request.id, error: errorData(err) });
  }
});
