import { css } from 'lit';

/** Styles every course-chat element shares: hidden-but-announced text, focus rings and profile links. */
export const sharedStyles = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .profile {
    color: inherit;
    text-decoration: none;
  }
  .profile:hover .name {
    text-decoration: underline;
  }
  :focus-visible {
    outline: 2px solid var(--course-chat-focus);
    outline-offset: 2px;
  }
`;
