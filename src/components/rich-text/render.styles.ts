import { css } from 'lit';

/** The rendered Markdown and math; adopted by a message when it first renders rich text. */
export const richTextStyles = css`
  .rich {
    white-space: normal;
  }
  .preview {
    margin-block-start: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--course-chat-control-border);
    border-radius: 0.5rem;
    max-block-size: 12rem;
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .rich p,
  .rich ul,
  .rich ol,
  .rich blockquote {
    margin: 0 0 0.35rem;
    white-space: pre-wrap;
  }
  .rich > :last-child {
    margin-block-end: 0;
  }
  .rich ul,
  .rich ol {
    padding-inline-start: 1.4rem;
  }
  .rich blockquote {
    padding-inline-start: 0.6rem;
    border-inline-start: 3px solid var(--course-chat-border);
    color: var(--course-chat-muted);
  }
  .rich code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--course-chat-surface);
    border-radius: 0.25rem;
    padding: 0 0.2rem;
  }
  .code-block {
    position: relative;
    margin: 0 0 0.35rem;
  }
  .code-block pre {
    margin: 0;
    padding: 0.5rem 0.75rem;
    padding-inline-end: 4.5rem;
    overflow-x: auto;
    border: 1px solid var(--course-chat-border);
    border-radius: 0.4rem;
    background: var(--course-chat-surface);
  }
  .code-block pre code {
    background: none;
    padding: 0;
  }
  .copy {
    position: absolute;
    inset-block-start: 0.3rem;
    inset-inline-end: 0.3rem;
    font: inherit;
    font-size: 0.75rem;
    padding: 0.1rem 0.45rem;
    border: 1px solid var(--course-chat-border);
    border-radius: 0.3rem;
    background: var(--course-chat-bg);
    color: var(--course-chat-text);
    cursor: pointer;
  }
  .rich a {
    color: var(--course-chat-accent);
  }
  .host {
    color: var(--course-chat-muted);
    font-size: 0.85em;
  }
  .math math {
    user-select: none;
    font-size: 1.1em;
  }
  .math.display {
    display: block;
    overflow-x: auto;
  }
  .math-error {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    text-decoration: underline dotted var(--course-chat-muted);
  }
`;
