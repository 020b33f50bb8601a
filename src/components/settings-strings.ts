/**
 * The room settings' texts (course-chat-settings.ts). They travel with its code, which comes after
 * the first paint, rather than in the first download; a host words them through `<course-chat>`'s
 * `strings` like every other text.
 */
export interface SettingsStrings {
  /** "Room settings": the settings button and panel. */
  settings: string;
  /** "Muted", on the settings button. */
  muted: string;
  /** "Mute this room" */
  mute: string;
  /** "Notify me while this page is hidden" */
  notify: string;
  /** The hints under that switch: no notifications in this browser, blocked, muted, or what they are for. */
  unsupported: string;
  blocked: string;
  mutedHint: string;
  notifyHint: string;
}

export const settingsStrings: SettingsStrings = {
  settings: 'Room settings',
  muted: 'Muted',
  mute: 'Mute this room',
  notify: 'Notify me while this page is hidden',
  unsupported: 'This browser has no notifications.',
  blocked: 'Notifications are blocked in the browser settings.',
  mutedHint: 'Muted: no notifications until you unmute.',
  notifyHint: 'For a mention, an answer to your question, or points you receive.',
};
