import { css } from 'lit';

export const messageStyles = css`
  :host {
    display: block;
  }
  .row {
    display: grid;
    grid-template-columns: 2.25rem 1fr;
    column-gap: 0.75rem;
    padding: 0.35rem 1rem;
  }
  .row.continued {
    padding-block-start: 0.05rem;
  }
  .row:hover {
    background: var(--course-chat-hover);
  }
  .avatar {
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 0.8rem;
    font-weight: 600;
    /* On the person's own dark hue (avatar.ts), whichever the theme. */
    color: #fff;
    object-fit: cover;
  }
  .meta {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0.5rem;
    line-height: 1.3;
  }
  .name {
    font-weight: 600;
  }
  /* The avatar stays the row's grid item when it is a link. */
  .row > .profile {
    display: contents;
  }
  .badge {
    font-size: 0.7rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    padding: 0.05rem 0.4rem;
    border-radius: 999px;
    background: var(--course-chat-badge-bg);
    color: var(--course-chat-badge-text);
  }
  time,
  .edited,
  .hidden-label,
  .delivery {
    font-size: 0.75rem;
    color: var(--course-chat-muted);
  }
  /* The text's column is 1fr, whose minimum is the text's longest word: it may shrink below it. */
  .body {
    min-inline-size: 0;
  }
  .content {
    margin: 0.1rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.45;
  }
  .mention {
    color: var(--course-chat-accent);
    background: color-mix(in srgb, var(--course-chat-accent) 12%, transparent);
    border-radius: 0.25rem;
    padding: 0 0.15rem;
    font-weight: 600;
  }
  :host(:focus-visible) {
    outline: 2px solid var(--course-chat-focus);
    outline-offset: -2px;
    border-radius: 0.5rem;
  }
  :host([mentions-me]) .row {
    border-inline-start: 3px solid var(--course-chat-mention);
    padding-inline-start: calc(1rem - 3px);
    background: var(--course-chat-mention-bg);
  }
  .question-label {
    display: inline-flex;
    font-size: 0.72rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--course-chat-question-text);
  }
  .question-label.answered {
    color: var(--course-chat-answered-text);
  }
  .points,
  .awarded,
  .action.award {
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--course-chat-points-text);
  }
  .delivery.failed {
    color: var(--course-chat-danger);
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .pending .content {
    opacity: 0.65;
  }
  button {
    font: inherit;
    font-size: 0.75rem;
    font-weight: 600;
    border: 1px solid;
    background: transparent;
    color: inherit;
    border-radius: 999px;
    padding: 0.1rem 0.6rem;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin-block-start: 0.25rem;
    color: var(--course-chat-muted);
  }
  /* Targets of at least 24 by 24 pixels (WCAG 2.2 target size). */
  .action {
    min-block-size: 1.5rem;
    min-inline-size: 1.5rem;
  }
  /*
   * With a mouse the actions are a toolbar over the row's corner, shown on hover or focus: it takes
   * no room of its own, so showing it moves no row (the list does not jump under the pointer).
   * Touch screens keep them in the row.
   */
  @media (hover: hover) {
    .row {
      position: relative;
    }
    .actions {
      position: absolute;
      z-index: 1;
      inset-block-start: -0.5rem;
      inset-inline-end: 0.75rem;
      flex-wrap: nowrap;
      margin: 0;
      padding: 0.2rem;
      border: 1px solid var(--course-chat-border);
      border-radius: 999px;
      background: var(--course-chat-bg);
      box-shadow: 0 2px 6px var(--course-chat-shadow);
    }
    .row:not(:hover):not(:focus-within) .actions {
      opacity: 0;
      pointer-events: none;
    }
  }
  /*
   * On a touch screen a tap or a long press on the message opens its menu of every action: the row
   * keeps only This Helped! and Mark as answer, as targets of at least 44 pixels.
   */
  @media (pointer: coarse) {
    .reply,
    .mark-question,
    .more {
      display: none;
    }
    .action {
      min-block-size: 44px;
    }
  }
  .hidden-label {
    font-weight: 700;
    color: var(--course-chat-danger);
  }
  .gone {
    font-style: italic;
    color: var(--course-chat-muted);
  }
  /* Forced colours drop the backgrounds that mark a mention and the ST badge. */
  @media (forced-colors: active) {
    .mention {
      background: Mark;
      color: MarkText;
    }
    .badge {
      border: 1px solid;
    }
  }
`;
