import { count } from './strings.js';

/**
 * The texts of what a message's actions confirm (message-actions.ts). They travel with its code,
 * loaded on the first action, rather than in the first download; a host words them through
 * `<course-chat>`'s `strings` like every other text.
 */
export interface MessageActionsStrings {
  /** "5 points to Ana": a long press on This Helped!, shown with Undo before it is sent. */
  awardPending: (points: number, name: string) => string;
  /** "5 points to Ana. Thank you!": a long press on This Helped! awarded them. */
  awarded: (points: number, name: string) => string;
  /** "Reported. Thanks: moderators will review it.", shown with Undo before the report is sent. */
  reportPending: string;
}

export const messageActionsStrings: MessageActionsStrings = {
  awardPending: (points, name) => `${count(points, 'point')} to ${name}`,
  awarded: (points, name) => `${count(points, 'point')} to ${name}. Thank you!`,
  reportPending: 'Reported. Thanks: moderators will review it.',
};
