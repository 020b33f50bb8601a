import { css } from 'lit';

/**
 * What `<course-chat>` shows only once its live room has arrived, never at its first paint (the
 * header and Loading, course-chat.styles.ts): the tabs, the stream beside the help queue, the typing
 * line, the reconnecting or offline banner, a notice of something that failed, the undo of a
 * long-press award, one's own question waiting, and an ST's Helping badge. They come with the chunk
 * that brings the live room, and join the element's shadow root as it first shows the room.
 */
export const roomStateStyles = css`
  .body {
    flex: 1;
    min-block-size: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) 17rem;
  }
  .main {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  course-chat-help-queue {
    border-inline-start: 1px solid var(--course-chat-border);
  }
  .tabs {
    display: none;
    border-block-end: 1px solid var(--course-chat-border);
    background: var(--course-chat-surface);
  }
  .tabs button {
    flex: 1;
    font: inherit;
    font-weight: 600;
    padding: 0.5rem;
    border: none;
    border-block-end: 3px solid transparent;
    background: transparent;
    color: var(--course-chat-muted);
    cursor: pointer;
  }
  .tabs button[aria-selected='true'] {
    color: var(--course-chat-accent);
    border-block-end-color: var(--course-chat-accent);
  }
  .typing {
    min-block-size: 1.4rem;
    padding: 0 1rem;
    font-size: 0.8rem;
    font-style: italic;
    color: var(--course-chat-muted);
  }
  .question-pending,
  .banner,
  .notice,
  .confirmation {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 0.4rem 1rem;
    font-size: 0.85rem;
  }
  .banner {
    color: var(--course-chat-warning);
  }
  .question-pending {
    justify-content: space-between;
    background: var(--course-chat-question-bg);
    color: var(--course-chat-question-text);
  }
  .notice {
    background: var(--course-chat-danger-bg);
    color: var(--course-chat-danger);
  }
  .confirmation {
    background: var(--course-chat-points-bg);
    color: var(--course-chat-points-text);
    font-weight: 600;
  }
  .help-link {
    font-weight: 600;
    color: var(--course-chat-accent);
    white-space: nowrap;
  }
  .banner,
  .question-pending.long-wait {
    background: var(--course-chat-warning-bg);
  }
  .question-pending.long-wait .help-link {
    color: var(--course-chat-on-accent);
    background: var(--course-chat-accent);
    border-radius: 999px;
    padding: 0.2rem 0.75rem;
    text-decoration: none;
  }
  .helping {
    margin-inline-start: 0.5rem;
    font-size: 0.75rem;
    font-weight: 700;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: var(--course-chat-badge-bg);
    color: var(--course-chat-badge-text);
  }
  /*
   * Forced colours draw every line in one colour (an answered question's too) and drop backgrounds
   * and shadows: system colours keep apart what colour alone tells, and borders outline the pills.
   */
  @media (forced-colors: active) {
    .tabs button {
      border-block-end-color: Canvas;
    }
    .tabs button[aria-selected='true'] {
      border-block-end-color: Highlight;
    }
    .helping {
      border: 1px solid;
    }
  }
  @container (max-width: 40rem) {
    .tabs {
      display: flex;
    }
    .body {
      grid-template-columns: minmax(0, 1fr);
    }
    /* The browser keeps vertical scrolling and zoom; a horizontal swipe is left to the tabs (without
       this Chromium cancels the pointer as the pan starts, and the swipe never ends). Each scroller
       says it again: Chromium allows panning afresh inside one. */
    .body,
    .log,
    course-chat-help-queue {
      touch-action: pan-y pinch-zoom;
    }
    .body[data-tab='chat'] course-chat-help-queue,
    .body[data-tab='queue'] .main {
      display: none;
    }
    course-chat-help-queue {
      border-inline-start: none;
    }
  }
  /* A phone: the conversation gets the room. Banners and notices are one line each, and the typing
     line is a small one. */
  @container (max-width: 30rem) {
    .tabs button {
      padding: 0.35rem;
    }
    .question-pending,
    .banner,
    .notice,
    .confirmation {
      padding: 0.2rem 0.75rem;
      gap: 0.5rem;
      font-size: 0.8rem;
    }
    .question-pending > span {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .typing {
      min-block-size: 1.1rem;
      font-size: 0.75rem;
      padding-inline: 0.75rem;
    }
  }
`;
