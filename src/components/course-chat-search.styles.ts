import { css } from 'lit';

export const searchStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }
  .toggle,
  form button,
  .more {
    font: inherit;
    font-size: 0.85rem;
    color: var(--course-chat-accent);
    background: none;
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    padding: 0.3rem 0.6rem;
    cursor: pointer;
  }
  .panel {
    position: absolute;
    inset-inline-end: 0;
    inset-block-start: calc(100% + 0.25rem);
    z-index: 2;
    inline-size: min(22rem, 90vw);
    max-block-size: 60vh;
    overflow: auto;
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    background: var(--course-chat-bg);
    color: var(--course-chat-text);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    box-shadow: 0 4px 16px var(--course-chat-shadow);
  }
  form {
    display: flex;
    gap: 0.4rem;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    font: inherit;
    padding: 0.3rem 0.5rem;
    color: var(--course-chat-text);
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-control-border);
    border-radius: 0.4rem;
  }
  .status {
    margin: 0;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  .status:empty {
    display: none;
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .result {
    inline-size: 100%;
    text-align: start;
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: 0.4rem;
    padding: 0.35rem 0.5rem;
    cursor: pointer;
    display: grid;
    gap: 0.15rem;
  }
  .result:hover {
    background: var(--course-chat-hover);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    font-size: 0.75rem;
    color: var(--course-chat-muted);
  }
  .name {
    font-weight: 600;
    color: var(--course-chat-text);
  }
  .answered {
    color: var(--course-chat-answered-text);
    font-weight: 600;
  }
  .excerpt {
    overflow-wrap: anywhere;
  }
  mark {
    background: var(--course-chat-mention-bg);
    color: inherit;
    font-weight: 600;
  }
`;
