import { css } from 'lit';

/**
 * What `<course-chat>` shows only once its room has been live for a while, never at its first
 * paint: the reconnecting or offline banner, a notice of something that failed, the undo of a
 * long-press award, a question waiting long, and an ST's Helping badge. They come with the chunk
 * that loads as the room connects, and are adopted by the element's shadow root then.
 */
export const roomStateStyles = css`
  .banner,
  .notice,
  .confirmation {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 0.4rem 1rem;
    font-size: 0.85rem;
    background: var(--course-chat-warning-bg);
    color: var(--course-chat-warning);
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
  /* Forced colours drop the badge's background: a border outlines it. */
  @media (forced-colors: active) {
    .helping {
      border: 1px solid;
    }
  }
  /* A phone: one line each (as the question-pending notice, course-chat.styles.ts). */
  @container (max-width: 30rem) {
    .banner,
    .notice,
    .confirmation {
      padding: 0.2rem 0.75rem;
      gap: 0.5rem;
      font-size: 0.8rem;
    }
  }
`;
