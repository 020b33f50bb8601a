import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    border-block-start: 1px solid var(--course-chat-border);
    background: var(--course-chat-surface);
    padding: 0.75rem 1rem;
  }
  form {
    position: relative;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5rem;
    align-items: end;
  }
  textarea {
    font: inherit;
    color: var(--course-chat-text);
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-control-border);
    border-radius: var(--course-chat-radius);
    padding: 0.6rem 0.75rem;
    resize: none;
    min-block-size: 2.75rem;
    max-block-size: 10rem;
    field-sizing: content;
    line-height: 1.4;
  }
  textarea:focus-visible {
    outline-offset: 0;
    border-color: transparent;
  }
  .send {
    font: inherit;
    font-weight: 600;
    color: var(--course-chat-on-accent);
    background: var(--course-chat-accent);
    border: none;
    border-radius: var(--course-chat-radius);
    padding: 0 1.1rem;
    block-size: 2.75rem;
    cursor: pointer;
  }
  .send:disabled {
    background: var(--course-chat-disabled);
    cursor: not-allowed;
  }
  .tools,
  .replying {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  .ask {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    border: 1px solid var(--course-chat-border);
    background: transparent;
    color: var(--course-chat-muted);
    border-radius: 999px;
    padding: 0.2rem 0.75rem;
    cursor: pointer;
  }
  .ask[aria-pressed='true'] {
    background: var(--course-chat-question-bg);
    border-color: var(--course-chat-question-border);
    color: var(--course-chat-question-text);
  }
  .count.near {
    color: var(--course-chat-warning);
    font-weight: 600;
  }
  .count.over {
    color: var(--course-chat-danger);
    font-weight: 700;
  }
  .replying {
    overflow-wrap: anywhere;
  }
  /* Buttons that read as links: Cancel (a reply, an edit), a similar question. */
  .cancel,
  .similar button {
    font: inherit;
    border: none;
    background: transparent;
    color: var(--course-chat-accent);
    cursor: pointer;
  }
  .cancel {
    font-weight: 600;
    white-space: nowrap;
  }
  /* A phone: less padding around the one-line input, so the conversation keeps the room. */
  @container (max-width: 30rem) {
    :host {
      padding: 0.4rem 0.75rem;
    }
    form {
      gap: 0.3rem 0.5rem;
    }
    .ask {
      padding-block: 0.1rem;
    }
  }
  /* The composer's suggestions (composer-suggestions.ts). */
  .similar {
    grid-column: 1 / -1;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  .similar ul {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.2rem;
  }
  .similar button {
    padding: 0;
    text-decoration: underline;
    text-align: start;
  }
  .similar .answered {
    margin-inline-start: 0.4rem;
    color: var(--course-chat-answered-text);
    font-weight: 600;
  }
  .mentions {
    position: absolute;
    inset-inline-start: 0;
    inset-block-end: calc(100% + 0.25rem);
    z-index: 1;
    min-inline-size: 14rem;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    box-shadow: 0 4px 16px var(--course-chat-shadow);
  }
  .mentions li {
    padding: 0.4rem 0.6rem;
    border-radius: 0.5rem;
    cursor: pointer;
  }
  .mentions li[aria-selected='true'] {
    background: var(--course-chat-accent);
    color: var(--course-chat-on-accent);
  }
  .mentions .st {
    font-size: 0.7rem;
    font-weight: 700;
  }
  /* Forced colours drop the border colour that marks the toggle as pressed, and the background
     that marks the chosen person. */
  @media (forced-colors: active) {
    .ask[aria-pressed='true'] {
      border-color: Highlight;
    }
    .mentions li[aria-selected='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;
