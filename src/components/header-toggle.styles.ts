import { css } from 'lit';

/**
 * A header panel (search, the room's settings): its `.panel`, a card under the header's corner, and
 * its buttons. The one that opens it, `.toggle`,
 * shows its words on a wide element; on a phone or in a narrow pane, its icon (an `svg.icon` inside
 * it, or `--icon`: content with its alternative text, `'⚙' / ''`), the words kept at font size 0
 * for assistive technology, and 44 pixels for a finger.
 */
export const headerToggleStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }
  .panel {
    position: absolute;
    inset-inline-end: 0;
    inset-block-start: calc(100% + 0.25rem);
    z-index: 2;
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    box-shadow: 0 4px 16px var(--course-chat-shadow);
  }
  button {
    font: inherit;
    font-size: 0.85rem;
    color: var(--course-chat-accent);
    background: none;
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    padding: 0.3rem 0.6rem;
    cursor: pointer;
  }
  .icon {
    display: none;
  }
  @container (max-width: 36rem) {
    .toggle {
      display: grid;
      grid-auto-flow: column;
      place-items: center;
      min-inline-size: 2rem;
      min-block-size: 2rem;
      padding: 0 0.25rem;
      font-size: 0;
    }
    .toggle::before {
      content: var(--icon);
      font-size: 1.25rem;
    }
    .icon {
      display: block;
      inline-size: 1.25rem;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
    }
  }
  @media (pointer: coarse) {
    .toggle {
      min-inline-size: 2.75rem;
      min-block-size: 2.75rem;
    }
  }
`;
