import { css } from 'lit';

/**
 * The stream's styles. `<course-chat-stream>` renders into the room's shadow root, so these are
 * part of the room's stylesheet (after its own: the older-page button starts as the room's pill).
 */
export const courseChatStreamStyles = css`
  /* It renders into the room's shadow root: its parts lay out as children of the room's panel. */
  course-chat-stream {
    display: contents;
  }
  .thread.highlighted {
    outline: 2px solid var(--course-chat-accent);
    outline-offset: -2px;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding-block: 0.5rem;
    /* The element keeps the view in place itself; the browser's own anchoring would do it twice. */
    overflow-anchor: none;
  }
  .stream {
    /* Keeps the threads' margins inside, so the heights measured add up to the stream's. */
    display: flow-root;
  }
  .older {
    display: block;
    margin: 0.25rem auto 0.75rem;
    color: var(--course-chat-accent);
  }
  .thread.question {
    margin: 0.35rem 0.75rem;
    border-inline-start: 3px solid var(--course-chat-question-border);
    background: var(--course-chat-question-bg);
    border-start-end-radius: var(--course-chat-radius);
    border-end-end-radius: var(--course-chat-radius);
  }
  .thread.question.answered {
    border-inline-start-color: var(--course-chat-answered-border);
    background: var(--course-chat-answered-bg);
  }
  .replies {
    margin-inline-start: 2.5rem;
    border-inline-start: 2px solid var(--course-chat-border);
  }
  .new-messages,
  .first-unread {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 7.5rem;
    margin-inline: auto;
    inline-size: fit-content;
    font: inherit;
    font-size: 0.85rem;
    font-weight: 600;
    border: none;
    border-radius: 999px;
    padding: 0.35rem 0.9rem;
    color: var(--course-chat-on-accent);
    background: var(--course-chat-accent);
    box-shadow: 0 4px 12px var(--course-chat-shadow);
    cursor: pointer;
  }
  .first-unread {
    inset-block: 0.75rem auto;
    z-index: 1;
  }
  .unread-divider {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
    font-size: 0.75rem;
    font-weight: 700;
    color: var(--course-chat-unread);
  }
  .unread-divider::before,
  .unread-divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid;
  }
  /*
   * Forced colours draw every line in one colour and drop shadows: Highlight marks a question, and
   * borders outline the pills.
   */
  @media (forced-colors: active) {
    .thread.question {
      border-inline-start-color: Highlight;
    }
    .new-messages,
    .first-unread {
      border: 1px solid;
    }
  }
  @container (max-width: 30rem) {
    .replies {
      margin-inline-start: 1.25rem;
    }
    .thread.question {
      margin-inline: 0.25rem;
    }
  }
`;
