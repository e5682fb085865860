import type { User } from "@agora/protocol/identity";
import {
  QR_LOGIN_TTL_MS,
  QR_LOGIN_WS_PATH,
  type QrLoginFrame,
  type QrLoginStart,
  type QrLoginStatus,
  qrRoutes,
} from "@agora/protocol/qr";
import { API_PREFIX, fillPath } from "@agora/protocol/routes";
import { useCallback, useEffect, useRef, useState } from "react";
import { call } from "../../api/client.ts";

/** What the sign-in page's QR panel shows. */
export type QrLoginView =
  | { phase: "starting" }
  | { phase: "waiting"; code: QrLoginStart; scanned: boolean; deadline: number }
  | { phase: "expired" }
  | { phase: "cancelled" }
  | { phase: "signingIn" }
  | { phase: "failed"; error: unknown };

/** A code that runs out while nobody looks is replaced this many times, then waits for a click. */
const AUTO_REFRESHES = 4;
/** Socket drops before a final status: reconnect after these delays, then give up. */
const RECONNECT_DELAYS_MS = [500, 2000, 5000];

function socketUrl(id: string): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${API_PREFIX}${fillPath(QR_LOGIN_WS_PATH, { id })}`;
}

function parseFrame(data: unknown): QrLoginStatus | null {
  if (typeof data !== "string") return null;
  try {
    const frame = JSON.parse(data) as Partial<QrLoginFrame>;
    return frame.type === "qr-login.status" && typeof frame.status === "string" ? frame.status : null;
  } catch {
    return null;
  }
}

/**
 * The waiting browser of a web login by QR: shows a code, listens on its socket (no polling),
 * replaces the code when it runs out, and once the phone approves collects the session (the
 * server sets the cookie on that answer) and hands over the user.
 */
export function useQrLogin(active: boolean, onSignedIn: (user: User) => void) {
  const [view, setView] = useState<QrLoginView>({ phase: "starting" });
  const onSignedInRef = useRef(onSignedIn);
  onSignedInRef.current = onSignedIn;
  /** Bumped by each new code: callbacks of an older one do nothing. */
  const generation = useRef(0);
  const socket = useRef<WebSocket | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const refreshes = useRef(0);

  const stop = useCallback(() => {
    generation.current += 1;
    for (const timer of timers.current) clearTimeout(timer);
    timers.current = [];
    const ws = socket.current;
    socket.current = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.close();
    }
  }, []);

  const start = useCallback(async () => {
    stop();
    const gen = generation.current;
    const live = () => gen === generation.current;
    setView({ phase: "starting" });

    let code: QrLoginStart;
    try {
      code = await call(qrRoutes.startLogin);
    } catch (error) {
      if (live()) setView({ phase: "failed", error });
      return;
    }
    if (!live()) return;
    const deadline = Date.now() + QR_LOGIN_TTL_MS;
    setView({ phase: "waiting", code, scanned: false, deadline });

    const expire = () => {
      if (!live()) return;
      stop();
      if (refreshes.current < AUTO_REFRESHES && document.visibilityState === "visible") {
        refreshes.current += 1;
        void start();
      } else {
        setView({ phase: "expired" });
      }
    };

    const collect = async () => {
      stop();
      setView({ phase: "signingIn" });
      try {
        const state = await call(qrRoutes.loginStatus, { params: { id: code.id } });
        if (state.status === "approved" && state.user) onSignedInRef.current(state.user);
        else if (state.status === "expired" || state.status === "consumed") setView({ phase: "expired" });
        else setView({ phase: "cancelled" });
      } catch (error) {
        setView({ phase: "failed", error });
      }
    };

    const onStatus = (status: QrLoginStatus) => {
      if (!live()) return;
      switch (status) {
        case "pending":
        case "scanned":
          setView({ phase: "waiting", code, scanned: status === "scanned", deadline });
          return;
        case "approved":
          void collect();
          return;
        case "cancelled":
          stop();
          setView({ phase: "cancelled" });
          return;
        default:
          expire();
      }
    };

    const connect = (attempt: number) => {
      if (!live()) return;
      const ws = new WebSocket(socketUrl(code.id));
      socket.current = ws;
      ws.onmessage = (event) => {
        const status = parseFrame(event.data);
        if (status) onStatus(status);
      };
      ws.onclose = () => {
        if (!live() || socket.current !== ws) return;
        socket.current = null;
        // The socket dropped before a final status: ask once, then listen again.
        void call(qrRoutes.loginStatus, { params: { id: code.id } }).then(
          (state) => {
            if (!live()) return;
            if (state.status === "pending" || state.status === "scanned") {
              onStatus(state.status);
              const delay = RECONNECT_DELAYS_MS[attempt];
              if (delay === undefined) setView({ phase: "failed", error: new Error("socket closed") });
              else timers.current.push(setTimeout(() => connect(attempt + 1), delay));
            } else if (state.status === "approved" && state.user) {
              stop();
              onSignedInRef.current(state.user);
            } else {
              onStatus(state.status);
            }
          },
          (error) => live() && setView({ phase: "failed", error }),
        );
      };
    };
    connect(0);
    timers.current.push(setTimeout(expire, deadline - Date.now()));
  }, [stop]);

  useEffect(() => {
    if (!active) return;
    refreshes.current = 0;
    void start();
    return stop;
  }, [active, start, stop]);

  const refresh = useCallback(() => {
    refreshes.current = 0;
    void start();
  }, [start]);

  return { view, refresh };
}
