import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

/**
 * One of the help-queue panel's lists (questions waiting, helpers online, reported messages): a
 * heading that names it, then its items by `key`, or `empty` in their place when there are none.
 */
export function queueList<T>(
  id: string,
  heading: string,
  items: readonly T[],
  key: (item: T) => string,
  row: (item: T) => unknown,
  empty: string,
) {
  return html`<h3 id=${id}>${heading}</h3>
    ${
      items.length === 0
        ? html`<p class="empty">${empty}</p>`
        : html`<ul aria-labelledby=${id}>
            ${repeat(items, key, row)}
          </ul>`
    }`;
}

/** The key of an item that has an id of its own. */
export const byId = (item: { id: string }) => item.id;

/** The start of a long text, for an item of one of those lists. */
export const clipped = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);
