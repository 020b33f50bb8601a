import { css } from 'lit';

/** Styles every course-chat element shares: hidden-but-announced text and focus rings. */
export const sharedStyles = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--course-chat-focus, #2563eb);
    outline-offset: 2px;
  }
`;
