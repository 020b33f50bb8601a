/**
 * The texts of the composer while muted or editing (composer-moderation-controller.ts). They
 * travel with its code, which comes after the first paint, rather than in the first download; a
 * host words them through `<course-chat>`'s `strings` like every other text.
 */
export interface ComposerModerationStrings {
  /** "A moderator muted you in this course until 15:30.": `until` is a time (or a date and time). */
  mutedUntil: (until: string) => string;
  /** "Editing message", above the composer while it edits one of the user's messages. */
  editing: string;
  /** "You can edit until 14:20.": the end of the edit window, as a time. */
  editUntil: (time: string) => string;
}

export const composerModerationStrings: ComposerModerationStrings = {
  mutedUntil: (until) => `A moderator muted you in this course until ${until}.`,
  editing: 'Editing message',
  editUntil: (time) => `You can edit until ${time}.`,
};
