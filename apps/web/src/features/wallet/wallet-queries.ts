import {
  type Funding,
  IDEMPOTENCY_HEADER,
  type Transaction,
  type TransactionKind,
  type Transfer,
  type Wallet,
  walletRoutes,
} from "@agora/protocol/wallet";
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useRef } from "react";
import { call } from "../../api/client.ts";
import { Attempt, withoutPin } from "./attempt.ts";

/** The wallet's react-query keys; everything under ["wallet"] is refreshed after money moves. */
export const walletKeys = {
  all: ["wallet"] as const,
  wallet: ["wallet", "summary"] as const,
  transactions: (filters: TransactionFilter) => ["wallet", "transactions", filters] as const,
  transfer: (id: string) => ["wallet", "transfer", id] as const,
  funding: (id: string) => ["wallet", "funding", id] as const,
};

export interface TransactionFilter {
  direction?: "in" | "out" | undefined;
  kind?: TransactionKind | undefined;
}

export function useWallet() {
  return useQuery({ queryKey: walletKeys.wallet, queryFn: () => call(walletRoutes.getWallet) });
}

/** After money moved: the balance, the history and anything else of the wallet are refetched. */
export function refreshWallet(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({ queryKey: walletKeys.all });
}

/** A new balance pushed by the server (`wallet.updated`): shown at once, history refetched. */
export function applyBalance(qc: QueryClient, balance: Wallet["balance"]): void {
  qc.setQueryData<Wallet>(walletKeys.wallet, (w) => (w ? { ...w, balance } : w));
  void qc.invalidateQueries({ queryKey: ["wallet", "transactions"] });
}

/**
 * A money mutation with its idempotency key handled: one key per attempt (see Attempt), sent as
 * the Idempotency-Key header, so pressing again or retrying after a network error pays once.
 */
function useMoneyMutation<B, R>(
  send: (body: B, headers: Record<string, string>) => Promise<R>,
  cache?: (qc: QueryClient, result: R) => void,
) {
  const qc = useQueryClient();
  const attempt = useRef(new Attempt());
  return useMutation({
    mutationFn: (body: B) => send(body, { [IDEMPOTENCY_HEADER]: attempt.current.keyFor(withoutPin(body)) }),
    onSuccess: (result: R) => {
      attempt.current.settle();
      cache?.(qc, result);
    },
    onError: (err) => attempt.current.settle(err),
    onSettled: () => refreshWallet(qc),
  });
}

export type TopUpInput = { amount: { amount: number; currency: string } };
export type WithdrawInput = TopUpInput & { pin: string };
export type TransferInput = {
  toUserId: string;
  amount: { amount: number; currency: string };
  note?: string | undefined;
  pin: string;
  conversationId?: string | undefined;
};

export function useTopUp() {
  return useMoneyMutation<TopUpInput, Funding>((body, headers) =>
    call(walletRoutes.topUp, { body, headers }),
  );
}

export function useWithdraw() {
  return useMoneyMutation<WithdrawInput, Funding>((body, headers) =>
    call(walletRoutes.withdraw, { body, headers }),
  );
}

export function useTransfer() {
  return useMoneyMutation<TransferInput, Transfer>(
    (body, headers) =>
      call(walletRoutes.transfer, {
        body: { ...body, note: body.note || undefined, conversationId: body.conversationId || undefined },
        headers,
      }),
    (qc, transfer) => qc.setQueryData(walletKeys.transfer(transfer.id), transfer),
  );
}

export function useSetPin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { pin: string; currentPin?: string | undefined }) =>
      call(walletRoutes.setPin, { body }),
    onSuccess: () => {
      qc.setQueryData<Wallet>(walletKeys.wallet, (w) =>
        w ? { ...w, hasPin: true, pinLockedUntil: null } : w,
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: walletKeys.wallet }),
  });
}

export function useTransferReceipt(id: string) {
  return useQuery({
    queryKey: walletKeys.transfer(id),
    queryFn: () => call(walletRoutes.getTransfer, { params: { id } }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A withdrawal's settlement: asked again every few seconds while it is pending. */
export function useFunding(id: string | undefined, initial?: Funding) {
  return useQuery({
    queryKey: walletKeys.funding(id ?? ""),
    queryFn: () => call(walletRoutes.getFunding, { params: { id: id ?? "" } }),
    enabled: Boolean(id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? 3_000 : false),
  });
}

export const TRANSACTIONS_PAGE = 30;

export function useTransactions(filter: TransactionFilter) {
  return useInfiniteQuery({
    queryKey: walletKeys.transactions(filter),
    queryFn: ({ pageParam, signal }) =>
      call(walletRoutes.listTransactions, {
        query: { ...filter, limit: TRANSACTIONS_PAGE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type { Transaction };
