import { identityRoutes, type User } from "@agora/protocol/identity";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { call } from "../../api/client.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { uploadMedia } from "../chats/media.ts";

/** Sets my avatar (`avatarMediaId`), or removes it with null; the new me replaces the cached one. */
function useSetAvatar() {
  const queryClient = useQueryClient();
  return (avatarMediaId: string | null) =>
    call(identityRoutes.updateMe, { body: { avatarMediaId } }).then((user: User) => {
      queryClient.setQueryData(queryKeys.me, user);
      // Lists that show me (chat members, moments, receipts) hold the old avatar: fetch them again.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      return user;
    });
}

/** Uploads a cropped photo with progress (0..1), then makes it my avatar. */
export function useUploadProfilePhoto() {
  const setAvatar = useSetAvatar();
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: async ({ photo, signal }: { photo: Blob; signal: AbortSignal }) => {
      setProgress(0);
      const media = await uploadMedia(photo, "profile.jpg", setProgress, signal);
      return setAvatar(media.id);
    },
  });
  return { ...mutation, progress };
}

export function useRemoveProfilePhoto() {
  const setAvatar = useSetAvatar();
  return useMutation({ mutationFn: () => setAvatar(null) });
}
