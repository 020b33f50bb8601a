import { css } from 'lit';

export const messageMenuStyles = css`
  /* A modal dialog, in the top layer: the element's own box is empty and takes no room in the row. */
  dialog {
    padding: 0;
    inline-size: min(20rem, calc(100vw - 1.5rem));
  }
  /* On a phone the menu is a sheet along the bottom edge, within the thumb's reach. */
  @media (max-width: 40rem) {
    dialog {
      inline-size: 100vw;
      margin-block-end: 0;
      border-end-start-radius: 0;
      border-end-end-radius: 0;
    }
  }
  dialog::backdrop {
    background: rgba(15, 23, 42, 0.45);
  }
  .sheet,
  form,
  fieldset,
  .note {
    display: grid;
    gap: 0.25rem;
  }
  .sheet {
    padding: 0.5rem;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
  }
  legend,
  p {
    margin: 0.5rem 1rem;
    font-weight: 600;
  }
  .item,
  textarea {
    border-radius: calc(var(--course-chat-radius) / 2);
    background: transparent;
    color: inherit;
    font: inherit;
  }
  /* Every item is a target at least 44 pixels tall, for a thumb. */
  .item {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    box-sizing: border-box;
    min-block-size: 44px;
    padding: 0.5rem 1rem;
    border: none;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--course-chat-hover);
  }
  .delete,
  .hide,
  .mute {
    color: var(--course-chat-danger);
  }
  .cancel {
    color: var(--course-chat-muted);
  }
  .note {
    margin: 0.25rem 1rem;
    font-size: 0.9rem;
  }
  textarea {
    border: 1px solid var(--course-chat-border);
    padding: 0.5rem;
  }
  .send-report {
    justify-content: center;
    font-weight: 600;
    background: var(--course-chat-accent);
    color: var(--course-chat-on-accent);
  }
`;
