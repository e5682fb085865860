import { IDEMPOTENCY_HEADER, walletRoutes } from "@agora/protocol/wallet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { route } from "../../platform/http.ts";
import type { WalletService } from "./service.ts";

/** The Idempotency-Key header (a repeated header counts as its first value). */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const v = request.headers[IDEMPOTENCY_HEADER];
  return Array.isArray(v) ? v[0] : v;
}

export function walletPlugin(wallet: WalletService) {
  return async (app: FastifyInstance) => {
    route(app, walletRoutes.getWallet, async ({ session }) => wallet.wallet(session.userId));

    route(app, walletRoutes.setPin, async ({ session, body }) => {
      await wallet.setPin(session.userId, body.pin, body.currentPin);
      return null;
    });

    route(app, walletRoutes.topUp, async ({ session, body, request }) =>
      wallet.topUp(session.userId, body.amount, idempotencyKeyOf(request)),
    );

    route(app, walletRoutes.withdraw, async ({ session, body, request }) =>
      wallet.withdraw(session.userId, body.amount, body.pin, idempotencyKeyOf(request)),
    );

    route(app, walletRoutes.getFunding, async ({ session, params }) =>
      wallet.funding(session.userId, params.id),
    );

    route(app, walletRoutes.transfer, async ({ session, body, request }) =>
      wallet.transfer(session.userId, body, idempotencyKeyOf(request)),
    );

    route(app, walletRoutes.getTransfer, async ({ session, params }) =>
      wallet.getTransfer(session.userId, params.id),
    );

    route(app, walletRoutes.listTransactions, async ({ session, query }) =>
      wallet.transactions(session.userId, query),
    );

    route(app, walletRoutes.exportTransactions, async ({ session, query, reply }) => {
      const csv = await wallet.transactionsCsv(session.userId, query);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="agora-transactions.csv"');
      return csv;
    });
  };
}
