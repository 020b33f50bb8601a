/**
 * The composer's texts (course-chat-composer.ts, its preview and its edit bar). They travel with
 * its code, which arrives as the room connects, rather than in the first download; a host words
 * them through `<course-chat>`'s `strings` like every other text.
 */
export interface ComposerStrings {
  /** "Replying to Ana:" */
  replyingTo: (name: string) => string;
  /** "Cancel reply" */
  cancelReply: string;
  /** "Message": the text area's label. */
  message: string;
  /** "Write a message…", and "Ask your question…" while asking one. */
  placeholder: string;
  askPlaceholder: string;
  /** "Send", and "Wait 3s" during the anti-spam cooldown. */
  send: string;
  wait: (seconds: number) => string;
  /** "Save": the Send button while editing. */
  save: string;
  /** "Ask Question" */
  ask: string;
  /** "120 / 2000 characters": the character counter for screen readers. */
  characters: (count: number, max: number) => string;
  /** "Preview": the toggle and the region that shows the draft rendered; "Nothing to preview". */
  preview: string;
  nothingToPreview: string;
  /** The preview toggle's tooltip: the shortcuts for code. */
  codeShortcuts: string;
}

export const composerStrings: ComposerStrings = {
  replyingTo: (name) => `Replying to ${name}:`,
  cancelReply: 'Cancel reply',
  message: 'Message',
  placeholder: 'Write a message…',
  askPlaceholder: 'Ask your question…',
  send: 'Send',
  wait: (seconds) => `Wait ${seconds}s`,
  save: 'Save',
  ask: 'Ask Question',
  characters: (n, max) => `${n} / ${max} characters`,
  preview: 'Preview',
  nothingToPreview: 'Nothing to preview',
  codeShortcuts: 'Ctrl+E: inline code. Ctrl+Shift+E: code block.',
};
