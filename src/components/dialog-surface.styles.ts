import { css } from 'lit';

/** The room's dialogs (the award dialog, a message's menu): a card in the room's colours (its type inherited from the room). */
export const dialogSurfaceStyles = css`
  dialog {
    border: none;
    border-radius: var(--course-chat-radius);
    box-sizing: border-box;
    max-inline-size: none;
    color: var(--course-chat-text);
    background: var(--course-chat-bg);
    box-shadow: 0 20px 45px var(--course-chat-shadow);
  }
`;
