import { count, number } from './strings.js';

/**
 * The award dialog's texts (course-chat-award-dialog.ts). They travel with its code, which comes
 * after the first paint, rather than in the first download; a host words them through
 * `<course-chat>`'s `strings` like every other text.
 */
export interface AwardDialogStrings {
  /** "Thank Ana" */
  thank: (name: string) => string;
  /** "Award points for helpful answer" */
  awardNote: string;
  /** "Points", and "5 points" for the slider's value. */
  pointsLabel: string;
  points: (count: number) => string;
  /** "You have no points to give right now. ..." */
  noPoints: string;
  /** "You have 40 points to give.": the giver's balance, above the slider. */
  awardBalance: (balance: number) => string;
  /** "Starts at 3, all you have.": why the slider starts below the room's default award. */
  awardCapped: (points: number) => string;
  /** "Confirm" and "Awarding…" */
  confirm: string;
  awarding: string;
}

export const awardDialogStrings: AwardDialogStrings = {
  thank: (name) => `Thank ${name}`,
  awardNote: 'Award points for helpful answer',
  points: (n) => count(n, 'point'),
  pointsLabel: 'Points',
  noPoints: 'You have no points to give right now. Help others to earn some.',
  awardBalance: (balance) => `You have ${count(balance, 'point')} to give.`,
  awardCapped: (points) => `Starts at ${number.format(points)}, all you have.`,
  confirm: 'Confirm',
  awarding: 'Awarding…',
};
