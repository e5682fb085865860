/**
 * The funding provider: where top-ups come from and withdrawals go. A real provider (cards, bank
 * transfers) implements this interface and nothing in the ledger changes. Settlement may be
 * asynchronous: a `pending` answer is settled later through the `settle` callback the wallet
 * hands over in `connect` (a provider's webhook handler calls it).
 */
export interface FundingRequest {
  fundingId: string;
  userId: string;
  kind: "topup" | "withdrawal";
  amount: number;
  currency: string;
}

export type FundingAnswer = { status: "completed" | "failed" | "pending"; providerRef?: string };

export type SettleFunding = (
  fundingId: string,
  outcome: "completed" | "failed",
  providerRef?: string,
) => Promise<void>;

export interface FundingProvider {
  readonly name: string;
  /** Called once by the wallet with the callback that settles a pending funding. */
  connect(settle: SettleFunding): void;
  /** Collect money from the user's outside source (the funding id is the provider's idempotency reference). */
  topUp(req: FundingRequest): Promise<FundingAnswer>;
  /** Pay money out; usually `pending` until the provider confirms. */
  withdraw(req: FundingRequest): Promise<FundingAnswer>;
  /** Fundings still pending from before a restart: look them up and settle them. */
  resume(pending: FundingRequest[]): Promise<void>;
  /** Stop timers and connections (server shutdown). */
  close(): Promise<void>;
}

/**
 * The sandbox: top-ups succeed at once; withdrawals settle as `completed` after `settleDelayMs`
 * (an amount of exactly 13 minor units fails, to exercise reversals).
 */
export class SandboxFundingProvider implements FundingProvider {
  readonly name = "sandbox";
  #settle: SettleFunding | null = null;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(private readonly settleDelayMs = 50) {}

  connect(settle: SettleFunding) {
    this.#settle = settle;
  }

  async topUp(req: FundingRequest): Promise<FundingAnswer> {
    return { status: "completed", providerRef: `sandbox-${req.fundingId}` };
  }

  async withdraw(req: FundingRequest): Promise<FundingAnswer> {
    this.#later(req);
    return { status: "pending", providerRef: `sandbox-${req.fundingId}` };
  }

  async resume(pending: FundingRequest[]) {
    for (const req of pending) this.#later(req);
  }

  /** Resolves once every scheduled settlement ran (tests wait on this instead of sleeping). */
  async idle() {
    while (this.#timers.size > 0 || this.#inFlight.size > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close() {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  #later(req: FundingRequest) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const outcome = req.kind === "withdrawal" && req.amount === 13 ? "failed" : "completed";
      const run = (this.#settle?.(req.fundingId, outcome) ?? Promise.resolve()).catch((err: unknown) => {
        console.error(`sandbox settlement of ${req.fundingId} failed: ${(err as Error).message}`);
      });
      this.#inFlight.add(run);
      void run.finally(() => this.#inFlight.delete(run));
    }, this.settleDelayMs);
    this.#timers.add(timer);
  }
}
