import { css } from 'lit';

export const awardDialogStyles = css`
  dialog {
    padding: 1.25rem;
    /* Padding included (dialogSurfaceStyles), so the box and its Confirm fit a 320 pixel screen with a margin each side. */
    inline-size: min(22rem, calc(100vw - 1.5rem));
  }
  /* The scrim dims the host page, whatever either's theme. */
  dialog::backdrop {
    background: rgba(15, 23, 42, 0.45);
  }
  h2 {
    margin: 0 0 0.25rem;
    font-size: 1.1rem;
  }
  p {
    margin: 0 0 1rem;
    color: var(--course-chat-muted);
    font-size: 0.9rem;
  }
  label {
    display: flex;
    justify-content: space-between;
    font-weight: 600;
  }
  output {
    font-size: 1.25rem;
    color: var(--course-chat-points-text);
  }
  input[type='range'] {
    inline-size: 100%;
    margin-block: 0.5rem 0;
    accent-color: var(--course-chat-accent);
  }
  .range {
    display: flex;
    justify-content: space-between;
    margin-block-end: 1rem;
    color: var(--course-chat-muted);
    font-size: 0.85rem;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    font-weight: 600;
    border-radius: 999px;
    padding: 0.4rem 1rem;
    cursor: pointer;
    border: 1px solid var(--course-chat-border);
    background: transparent;
    color: var(--course-chat-text);
  }
  button.confirm {
    border-color: transparent;
    background: var(--course-chat-accent);
    color: var(--course-chat-on-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;
