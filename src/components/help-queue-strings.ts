import { number } from './strings.js';

/**
 * The help queue's texts (course-chat-help-queue.ts). They travel with its code, which comes after
 * the first paint, rather than in the first download; a host words them through `<course-chat>`'s
 * `strings` like every other text.
 */
export interface HelpQueueStrings {
  /** "Available to Help": the student-teacher's switch and a helper's status; "Online" otherwise. */
  available: string;
  helperOnline: string;
  /** "Pending Questions (3)" */
  pendingQuestions: (count: number) => string;
  /** "No questions waiting. Nice work, everyone." */
  noQuestions: string;
  /** "waiting 12 minutes": `duration` is written by `Intl` in the element's language, '' under a minute. */
  waiting: (duration: string) => string;
  /** "Available Helpers" and "No student-teachers online right now." */
  helpers: string;
  noHelpers: string;
  /** "Who is online shows again once reconnected.": in place of the helpers while the socket is down. */
  presenceStale: string;
}

export const helpQueueStrings: HelpQueueStrings = {
  available: 'Available to Help',
  pendingQuestions: (n) => `Pending Questions (${number.format(n)})`,
  noQuestions: 'No questions waiting. Nice work, everyone.',
  helpers: 'Available Helpers',
  noHelpers: 'No student-teachers online right now.',
  presenceStale: 'Who is online shows again once reconnected.',
  helperOnline: 'Online',
  waiting: (duration) => (duration ? `waiting ${duration}` : 'asked just now'),
};
