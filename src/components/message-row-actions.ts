import { html, nothing } from 'lit';
import type { StreamMessage } from '../state/index.js';
import type { CourseChatMessage } from './course-chat-message.js';
import type { MessageAction } from './events.js';

/** How long a touch must rest to be a long press: on This Helped! it awards, elsewhere it opens the menu. */
const longPressMs = 600;

/**
 * A message row's actions: with a mouse, a toolbar over the row's corner on hover or focus, ending
 * in More for the menu of every action; on a touch screen, This Helped! and Mark as answer only,
 * with a tap or a long press for the menu.
 */
export function rowActions(row: CourseChatMessage, message: StreamMessage) {
  const s = row.strings;
  const button = (
    action: MessageAction | 'more',
    label: string,
    accessibleLabel = s.actionOn(label, message.author.name),
  ) =>
    html`<button
      type="button"
      class="action ${action}"
      tabindex=${row.active ? nothing : '-1'}
      aria-label=${accessibleLabel}
      aria-haspopup=${action === 'more' ? 'dialog' : nothing}
      @click=${(event: Event) =>
        action === 'more' ? row.openMenu(event.currentTarget as HTMLElement) : row.choose(action)}
    >
      ${label}
    </button>`;
  return html`<div class="actions">
    ${button('reply', s.reply)}
    ${row.mine && !message.is_question ? button('mark-question', s.markQuestion, s.markQuestion) : nothing}
    ${row.canMarkHelpful ? button('mark-helpful', s.markAnswer) : nothing}
    ${
      !row.offerAward
        ? nothing
        : row.awarded > 0
          ? html`<span class="awarded">${s.youGave(row.awarded)}</span>`
          : button('award', s.thisHelped)
    }
    ${button('more', s.more)}
  </div>`;
}

/**
 * A finger down on a row: a tap on the message (not on a link or button in it) opens its menu;
 * a long press opens it too, or on This Helped! awards the default points (with Undo).
 */
export function press(row: CourseChatMessage, event: PointerEvent): void {
  if (event.pointerType !== 'touch') return;
  const target = event.composedPath()[0] as Element;
  const award = target.closest('.award');
  if (!award && target.closest('a, button, input, textarea, summary')) return;
  let long = false;
  const timer = setTimeout(() => {
    long = true;
    if (award) row.choose('quick-award');
    else row.openMenu(row);
  }, longPressMs);
  const done = new AbortController();
  const end = () => clearTimeout(timer);
  row.addEventListener('pointerup', end, { once: true });
  row.addEventListener('pointerleave', end, { once: true });
  // A press that turns into a scroll is no tap.
  row.addEventListener(
    'pointercancel',
    () => {
      end();
      done.abort();
    },
    { once: true },
  );
  // Heard first (capture): the click ending a long press must reach neither This Helped! nor the menu.
  row.addEventListener(
    'click',
    (click) => {
      done.abort();
      end();
      if (long) click.stopPropagation();
      else if (!award) row.openMenu(row);
    },
    { capture: true, signal: done.signal },
  );
}
