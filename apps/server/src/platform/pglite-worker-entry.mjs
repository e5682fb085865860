// The thread that runs embedded PGlite (started by pglite-worker.ts). Plain JavaScript on purpose:
// `npm start` registers tsx in its own thread only, and a worker does not inherit that hook.
//
// Protocol (parentPort), all requests answered in order of completion, matched by id:
//   → { id, sql, params }            ← { id, rows, affectedRows } | { id, error }
//   → { id, stats: true }            ← { id, stats: { diskSyncs } }
//   → { id, close: true }            ← { id } once PGlite has closed (then this thread ends)
//   ← { ready: true } | { ready: false, error }   once, after opening
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { messages, PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** Host fsyncs made on PostgreSQL's request, for the tests. */
let diskSyncs = 0;

/**
 * PGlite's Node filesystem, with an fsync that reaches the disk. Out of the box PGlite runs
 * PostgreSQL with fsync off (`-F`), its filesystem has no fsync, and fdatasync returns at once:
 * a commit reached the operating system's page cache, so it survived this process being killed,
 * but a power cut or a kernel crash could lose acknowledged messages and payments, or leave a
 * checkpoint's pages half on disk. With this filesystem, fsync on, and WAL flushed with fsync()
 * (the one sync call PGlite forwards to the filesystem), a commit is on disk before it is
 * acknowledged, as on a PostgreSQL server. (PGlite's PostgreSQL never asks to sync a directory;
 * on ext4 a file's fsync commits the journal that holds its new directory entry.)
 */
class DurableNodeFS extends NodeFS {
  async init(pg, opts) {
    const setup = await super.init(pg, opts);
    const giveFsync = (mod) => {
      // Fail closed: a PGlite whose filesystem layer moved would otherwise run without syncs.
      if (!mod.NODEFS?.stream_ops) throw new Error("PGlite's Node filesystem can't be given an fsync");
      // Emscripten's NODEFS holds a host descriptor for each open regular file.
      mod.NODEFS.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) {
          fs.fdatasyncSync(stream.nfd);
          diskSyncs++;
        }
        return 0;
      };
    };
    const emscriptenOpts = setup.emscriptenOpts;
    return {
      ...setup,
      emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), giveFsync] },
    };
  }
}

function syncPath(target) {
  const fd = fs.openSync(target, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every file and directory under `dir`, synced: what PGlite's initdb wrote without syncing. */
function syncTree(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const target = path.join(dir, entry.name);
    if (entry.isDirectory()) syncTree(target);
    else if (entry.isFile()) syncPath(target);
  }
  syncPath(dir);
}

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

const dataDir = workerData.dataDir;
const fresh = dataDir !== undefined && !fs.existsSync(path.join(dataDir, "PG_VERSION"));
const db =
  dataDir === undefined
    ? new PGlite()
    : new PGlite({
        fs: new DurableNodeFS(dataDir),
        // WAL in 1 MB segments (a new data dir's choice; 16 MB is the default): PostgreSQL
        // zero-fills and syncs each new segment on the thread that needs it, and PGlite has no
        // background process to do it ahead. A 16 MB one stalled every query behind it for
        // tens to hundreds of milliseconds (moderate p99 24-495 ms against 25-29 with 1 MB).
        initDbStartParams: ["--wal-segsize=1"],
        startParams: [...PGlite.defaultStartParams.filter((p) => p !== "-F"), "-c", "wal_sync_method=fsync"],
      });
let ready = false;

db.waitReady
  .then(() => {
    if (fresh) syncTree(dataDir);
    ready = true;
    parentPort.postMessage({ ready: true });
  })
  .catch((err) => parentPort.postMessage({ ready: false, error: errorData(err) }));

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
  if (request.stats) {
    parentPort.postMessage({ id: request.id, stats: { diskSyncs } });
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
