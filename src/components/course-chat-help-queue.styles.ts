import { css } from 'lit';

export const helpQueueStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 0.75rem 1rem;
    background: var(--course-chat-surface);
    font-size: 0.9rem;
  }
  h3 {
    margin: 0.5rem 0;
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--course-chat-muted);
  }
  ul {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  /* A question waiting, and a reported message (course-chat-reported.ts): a card each. */
  .question,
  .reported {
    display: grid;
    gap: 0.15rem;
    padding: 0.5rem 0.6rem;
    border-radius: 0.5rem;
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-border);
  }
  /* Without specificity, so that the focus ring of sharedStyles is not unset. */
  :where(.question button) {
    all: unset;
    cursor: pointer;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .question button:hover {
    text-decoration: underline;
  }
  .waited,
  .reasons {
    font-size: 0.78rem;
    color: var(--course-chat-muted);
  }
  .helper,
  .helper .profile {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .avatar {
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    /* On the person's own dark hue (avatar.ts), whichever the theme. */
    color: #fff;
    font-size: 0.7rem;
    font-weight: 700;
  }
  .status {
    margin-inline-start: auto;
    font-size: 0.75rem;
    color: var(--course-chat-muted);
  }
  .status.available {
    color: var(--course-chat-answered-text);
    font-weight: 600;
  }
  .empty {
    color: var(--course-chat-muted);
    font-style: italic;
  }
  .switch {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: 1rem;
    font-weight: 600;
  }
  .switch input {
    inline-size: 1.1rem;
    block-size: 1.1rem;
    accent-color: var(--course-chat-accent);
  }
`;
