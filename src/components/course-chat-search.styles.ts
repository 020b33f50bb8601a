import { css } from 'lit';

export const searchStyles = css`
  .panel {
    inline-size: min(22rem, 90vw);
    max-block-size: 60vh;
    overflow: auto;
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
    color: inherit;
    background: inherit;
    border: 1px solid var(--course-chat-control-border);
    border-radius: 0.4rem;
  }
  .status,
  .meta {
    margin: 0;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .result {
    inline-size: 100%;
    text-align: start;
    color: inherit;
    border-color: transparent;
    display: grid;
    overflow-wrap: anywhere;
  }
  .name,
  .answered,
  mark {
    font-weight: 600;
    color: var(--course-chat-text);
  }
  .answered {
    color: var(--course-chat-answered-text);
  }
  mark {
    background: var(--course-chat-mention-bg);
  }
  /* A phone or a narrow pane: the panel is as wide as the header, under it, rather than hanging
     from the button past the element's start. */
  @container (max-width: 36rem) {
    :host {
      position: static;
    }
    .panel {
      inset-inline: 0;
      inline-size: auto;
    }
  }
`;
