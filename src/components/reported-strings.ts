import { count, number } from './strings.js';

/**
 * The Reported queue's texts (course-chat-reported.ts). They travel with its chunk, which only
 * moderators load, rather than in the first download; a host words them through `<course-chat>`'s
 * `strings` like every other text.
 */
export interface ReportedStrings {
  /** "Reported (2)": the moderators' queue of reported messages. */
  reportedQueue: (count: number) => string;
  /** "Nothing reported.": that queue, empty. */
  noReported: string;
  /** "3 reports" */
  reportCount: (count: number) => string;
  /** "Hidden pending review": a reported message already hidden for everyone. */
  hiddenPending: string;
}

export const reportedStrings: ReportedStrings = {
  reportedQueue: (n) => `Reported (${number.format(n)})`,
  noReported: 'Nothing reported.',
  reportCount: (n) => count(n, 'report'),
  hiddenPending: 'Hidden pending review',
};
