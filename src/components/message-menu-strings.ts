/**
 * The texts of a message's menu (course-chat-message-menu.ts). They travel with the menu's chunk,
 * loaded on its first opening, rather than in the first download; a host words them through
 * `<course-chat>`'s `strings` like every other text. Its Cancel is the room's `cancel`, which every
 * dialog shares.
 */
export interface MessageMenuStrings {
  /** "Ana's message": the menu's name. */
  menu: (name: string) => string;
  /** "Copy text" */
  copyText: string;
  /** "Edit" and "Delete", on the user's own messages. */
  edit: string;
  delete: string;
  /** The question before a deletion. */
  deleteConfirm: string;
  /** "Why are you reporting this message?" */
  reportWhy: string;
  /** The label of the note to the moderators, which Other requires. */
  reportNote: string;
  /** "Send report" */
  sendReport: string;
}

export const messageMenuStrings: MessageMenuStrings = {
  menu: (name) => `${name}'s message`,
  copyText: 'Copy text',
  edit: 'Edit',
  delete: 'Delete',
  deleteConfirm: 'Delete this message? Its replies stay, under "Message deleted".',
  reportWhy: 'Why are you reporting this message?',
  reportNote: 'A note for the moderators (required for Other)',
  sendReport: 'Send report',
};
