import { html } from 'lit';
import type { ChatMessage } from '../protocol/index.js';
import { composerModerationStrings } from './composer-moderation-strings.js';
import type { CourseChatStrings } from './strings.js';

/** "15:30" today, or with its date another day, in `locale`. */
function timeOf(at: Date, locale: string | undefined): string {
  const today = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { hour: 'numeric', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}

/**
 * What the composer shows while muted or editing (composer-moderation-controller.ts holds the
 * state): rarely needed, so it comes after the first paint.
 */
export const composerModeration = {
  /** "A moderator muted you in this course until 15:30.", which stands instead of the composer. */
  muted(until: string, strings: CourseChatStrings, locale: string | undefined) {
    const s = { ...composerModerationStrings, ...strings };
    return html`<div class="replying" role="status">${s.mutedUntil(timeOf(new Date(until), locale))}</div>`;
  },

  /** "Editing message · You can edit until 14:20. · Cancel", above the text while editing. */
  editing(
    message: ChatMessage,
    windowMs: number,
    strings: CourseChatStrings,
    locale: string | undefined,
    cancel: () => void,
  ) {
    const s = { ...composerModerationStrings, ...strings };
    const end = new Date(Date.parse(message.created_at) + windowMs);
    return html`<div class="replying editing">
      <span><strong>${s.editing}</strong> ${s.editUntil(timeOf(end, locale))}</span>
      <button type="button" class="cancel" @click=${cancel}>${s.cancel}</button>
    </div>`;
  },
};
