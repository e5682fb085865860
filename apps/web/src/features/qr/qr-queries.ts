import { qrRoutes, type Resolved } from "@agora/protocol/qr";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";

/** This feature's react-query keys. */
export const qrKeys = {
  me: ["qr", "me"] as const,
  receive: (amount: number | null) => ["qr", "receive", amount] as const,
  invite: (conversationId: string) => ["qr", "invite", conversationId] as const,
};

/** My "add me" code: long-lived, so it is kept for the visit. */
export function useMyCode() {
  return useQuery({
    queryKey: qrKeys.me,
    queryFn: () => call(qrRoutes.myCode),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** My "pay me" code, with or without a fixed amount (minor units). */
export function useReceiveCode(amount: number | null) {
  return useQuery({
    queryKey: qrKeys.receive(amount),
    queryFn: () => call(qrRoutes.receiveCode, { query: amount === null ? {} : { amount } }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A group's invite code: a fresh one each time the screen opens (good for 7 days). */
export function useGroupInvite(conversationId: string) {
  return useQuery({
    queryKey: qrKeys.invite(conversationId),
    queryFn: () => call(qrRoutes.createInvite, { params: { id: conversationId } }),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** Asks the server what a scanned Agora code is. */
export function useResolve() {
  return useMutation({
    mutationFn: (url: string): Promise<Resolved> => call(qrRoutes.resolve, { body: { url } }),
  });
}

export function useJoinGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => call(qrRoutes.join, { body: { url } }),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

export function useApproveLogin() {
  return useMutation({ mutationFn: (code: string) => call(qrRoutes.approveLogin, { params: { code } }) });
}

export function useCancelLogin() {
  return useMutation({ mutationFn: (code: string) => call(qrRoutes.cancelLogin, { params: { code } }) });
}

/** Retires my shared "add me" and "pay me" codes; the screens then show new ones. */
export function useRotateCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(qrRoutes.rotate),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: qrKeys.me }),
        queryClient.invalidateQueries({ queryKey: ["qr", "receive"] }),
      ]),
  });
}
