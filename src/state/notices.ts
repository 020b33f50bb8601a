import { atom, type ReadableAtom } from 'nanostores';
import { ApiError } from '../client/api-client.js';
import type { Notice, NoticeKind } from './types.js';

/**
 * The backend's own reason when it refused an action the person may act on (`Not enough points.`);
 * none when the request failed on the way, or for a sign-in, which has its own path.
 */
export function refusalReason(error: unknown): string | undefined {
  return error instanceof ApiError && !error.transient && error.status !== 401 && error.code !== 'invalid_response'
    ? error.message
    : undefined;
}

/** What did not go through, told to the person once; the element words each kind. */
export function createNotices() {
  const $notice = atom<Notice | null>(null);

  function notify(kind: NoticeKind, reason?: string, retry?: () => void): void {
    $notice.set({ kind, ...(reason === undefined ? {} : { reason }), ...(retry ? { retry } : {}) });
  }

  return {
    $notice: $notice as ReadableAtom<Notice | null>,
    notify,
    /**
     * The action `kind` failed with `error`: a refusal says why; a failure on the way offers `retry`,
     * when given, since trying again may work.
     */
    failed(kind: NoticeKind, error: unknown, retry?: () => void): void {
      const reason = refusalReason(error);
      const again = () => {
        $notice.set(null);
        retry?.();
      };
      notify(kind, reason, reason === undefined && retry ? again : undefined);
    },
    dismissNotice: (): void => $notice.set(null),
  };
}

export type Notices = ReturnType<typeof createNotices>;
