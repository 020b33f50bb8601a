import { css } from 'lit';

export const settingsStyles = css`
  :host {
    --icon: '\\2699\\fe0e' / '';
  }
  .muted {
    font-size: 0.7rem;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--course-chat-muted);
  }
  .panel {
    inline-size: 17rem;
  }
  .panel[hidden] {
    display: none;
  }
  label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .hint {
    margin: 0;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
`;
