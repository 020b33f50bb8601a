import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChatMessageMenu } from '../../src/components/course-chat-message-menu.js';
import { liveRoom } from '../../src/components/lazy.js';
import type { ChatMessage } from '../../src/protocol/index.js';
import { storedMessage } from '../state/fake-client.js';
import { shadow } from './helpers.js';

/** A message row alone, as the stream would show it, and its menu: fixtures for their tests. */

const ben = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false };
export const fifteenMinutes = 15 * 60_000;

/** A stored message by Ben, sent a minute ago unless `fields` say otherwise. */
export const byBen = (fields: Partial<ChatMessage> = {}) => ({
  ...storedMessage({
    id: 'm1',
    seq: 1,
    author: ben,
    content: 'Use row reduction.',
    created_at: new Date(Date.now() - 60_000).toISOString(),
    ...fields,
  }),
  delivery: 'sent' as const,
});

export interface As {
  mine?: boolean;
  moderator?: boolean;
  offerAward?: boolean;
  editWindowMs?: number;
}

/** The row, once its actions (loaded after the first paint) show, when it has any. */
export async function rowOf(message: ReturnType<typeof byBen>, as: As = {}): Promise<CourseChatMessage> {
  // Message rows arrive with the live room, after the first paint.
  await liveRoom.load();
  const row = await fixture<CourseChatMessage>(
    html`<course-chat-message
      .message=${message}
      ?mine=${as.mine}
      ?moderator=${as.moderator}
      ?offer-award=${as.offerAward}
      .editWindowMs=${as.editWindowMs ?? fifteenMinutes}
      active
    ></course-chat-message>`,
  );
  const gone = message.deleted || (message.hidden && !as.moderator);
  await waitUntil(() => gone || shadow(row).querySelector('.actions'), 'the actions never showed');
  return row;
}

export const text = (el: Element) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');

/** Opens the row's menu with its More button; gives the menu once it has loaded and opened. */
export async function openMenu(row: CourseChatMessage): Promise<CourseChatMessageMenu> {
  shadow(row).querySelector<HTMLButtonElement>('.more')!.click();
  await customElements.whenDefined('course-chat-message-menu');
  const menu = shadow(row).querySelector('course-chat-message-menu')!;
  await waitUntil(() => menu.shadowRoot?.querySelector('dialog')?.open, 'the menu did not open');
  return menu;
}

/** The menu's items, by their text. */
export const itemsOf = (menu: CourseChatMessageMenu) =>
  [...shadow(menu).querySelectorAll('.sheet > .item')].map((item) => item.textContent!.trim());
