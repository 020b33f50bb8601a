import { atom, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import type { ReportBody } from '../protocol/index.js';
import type { Notices } from './notices.js';
import type { AnalyticsEvent } from './types.js';

export interface ReportsOptions {
  api: ApiClient;
  courseId: string;
  notices: Notices;
  track(event: AnalyticsEvent): void;
}

/** Reports to the moderators: a reported message is hidden for the reporter only. */
export function createReports({ api, courseId, notices, track }: ReportsOptions) {
  const $hidden = atom<ReadonlySet<string>>(new Set());
  return {
    /** Ids of the messages this user reported, left out of the stream and the help queue. */
    $hidden: $hidden as ReadableAtom<ReadonlySet<string>>,

    async report(messageId: string, body: ReportBody): Promise<void> {
      try {
        await api.report(courseId, messageId, body);
        $hidden.set(new Set([...$hidden.get(), messageId]));
        track({ name: 'message_reported', data: { course_id: courseId, message_id: messageId, reason: body.reason } });
      } catch (error) {
        notices.failed('report_failed', error);
      }
    },
  };
}
