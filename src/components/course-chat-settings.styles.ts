import { css } from 'lit';

export const settingsStyles = css`
  :host {
    position: relative;
    display: inline-block;
    --icon: '\\2699\\fe0e' / '';
  }
  .muted {
    font-size: 0.7rem;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--course-chat-muted);
  }
  .panel {
    position: absolute;
    inset-inline-end: 0;
    inset-block-start: calc(100% + 0.25rem);
    z-index: 2;
    inline-size: 17rem;
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    background: var(--course-chat-bg);
    color: var(--course-chat-text);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    box-shadow: 0 4px 16px var(--course-chat-shadow);
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
