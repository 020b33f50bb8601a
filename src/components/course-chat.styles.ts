import { css } from 'lit';

export const courseChatStyles = css`
  :host {
    --course-chat-accent: #4338ca;
    --course-chat-bg: #ffffff;
    --course-chat-surface: #f8fafc;
    --course-chat-text: #0f172a;
    --course-chat-muted: #475569;
    --course-chat-border: #e2e8f0;
    --course-chat-question-bg: #fffbeb;
    --course-chat-question-border: #d97706;
    --course-chat-radius: 0.75rem;
    --course-chat-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;

    display: flex;
    flex-direction: column;
    block-size: 100%;
    min-block-size: 24rem;
    container-type: inline-size;
    font-family: var(--course-chat-font);
    font-size: 0.95rem;
    color: var(--course-chat-text);
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--course-chat-border);
    background: var(--course-chat-surface);
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
    font-weight: 700;
  }
  .online {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  .online::before {
    content: '';
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: #16a34a;
  }
  .helping {
    margin-inline-start: 0.5rem;
    font-size: 0.75rem;
    font-weight: 700;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: #dcfce7;
    color: #14532d;
  }
  .back {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--course-chat-accent);
    text-decoration: none;
    white-space: nowrap;
  }
  .back:hover {
    text-decoration: underline;
  }
  .banner,
  .notice {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 0.4rem 1rem;
    font-size: 0.85rem;
    background: #fef3c7;
    color: #78350f;
  }
  .banner button,
  .notice button,
  .older,
  .failure button {
    font: inherit;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    color: inherit;
    padding: 0.15rem 0.75rem;
    cursor: pointer;
  }
  .body {
    flex: 1;
    min-block-size: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) 17rem;
  }
  .main {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  course-chat-help-queue {
    border-inline-start: 1px solid var(--course-chat-border);
    min-block-size: 0;
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
  .balance {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    margin-inline-start: auto;
    font-size: 0.8rem;
  }
  .points-to-give {
    font-weight: 700;
    color: var(--course-chat-points-text, #6d28d9);
  }
  .balance a {
    color: var(--course-chat-accent);
  }
  .low-balance {
    margin: 0;
    padding: 0.4rem 1rem;
    font-size: 0.8rem;
    background: #f5f3ff;
    color: #4c1d95;
  }
  .question-pending,
  .confirmation {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.4rem 1rem;
    font-size: 0.85rem;
    background: var(--course-chat-question-bg);
    color: #78350f;
  }
  .confirmation {
    justify-content: center;
    background: #f5f3ff;
    color: #4c1d95;
    font-weight: 600;
  }
  .help-link {
    font-weight: 600;
    color: var(--course-chat-accent);
    white-space: nowrap;
  }
  .question-pending.long-wait {
    background: #fde68a;
  }
  .question-pending.long-wait .help-link {
    color: #fff;
    background: var(--course-chat-accent);
    border-radius: 999px;
    padding: 0.2rem 0.75rem;
    text-decoration: none;
  }
  .notice {
    background: #fee2e2;
    color: #7f1d1d;
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
    border-radius: 0 var(--course-chat-radius) var(--course-chat-radius) 0;
  }
  .thread.question.answered {
    border-inline-start-color: #16a34a;
    background: #f0fdf4;
  }
  .replies {
    margin-inline-start: 2.5rem;
    border-inline-start: 2px solid var(--course-chat-border);
  }
  .quiet,
  .failure,
  .loading {
    flex: 1;
    display: grid;
    place-content: center;
    text-align: center;
    gap: 0.35rem;
    padding: 2rem;
    color: var(--course-chat-muted);
  }
  .quiet strong,
  .failure strong {
    font-size: 1.1rem;
    color: var(--course-chat-text);
  }
  .main {
    position: relative;
  }
  .new-messages,
  .first-unread {
    position: absolute;
    inset-inline-start: 50%;
    inset-block-end: 7.5rem;
    transform: translateX(-50%);
    font: inherit;
    font-size: 0.85rem;
    font-weight: 600;
    border: none;
    border-radius: 999px;
    padding: 0.35rem 0.9rem;
    color: var(--course-chat-on-accent, #fff);
    background: var(--course-chat-accent);
    box-shadow: 0 4px 12px rgba(15, 23, 42, 0.2);
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
    color: var(--course-chat-unread, #b91c1c);
  }
  .unread-divider::before,
  .unread-divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid currentColor;
  }
  .typing {
    min-block-size: 1.4rem;
    padding: 0 1rem;
    font-size: 0.8rem;
    font-style: italic;
    color: var(--course-chat-muted);
  }
  @container (max-width: 40rem) {
    .tabs {
      display: flex;
    }
    .body {
      grid-template-columns: minmax(0, 1fr);
    }
    .body[data-tab='chat'] course-chat-help-queue,
    .body[data-tab='queue'] .main {
      display: none;
    }
    course-chat-help-queue {
      border-inline-start: none;
    }
  }
  @container (max-width: 30rem) {
    :host {
      border-radius: 0;
      border-inline: none;
    }
    .header {
      padding: 0.6rem 0.75rem;
    }
    .replies {
      margin-inline-start: 1.25rem;
    }
    .thread.question {
      margin-inline: 0.25rem;
    }
  }
`;
