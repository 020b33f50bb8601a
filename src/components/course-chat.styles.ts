import { css } from 'lit';

export const courseChatStyles = css`
  /*
   * Every colour is one light-dark() pair, picked by color-scheme: the system's for theme auto,
   * one forced by theme light or dark. Native controls follow it too. Each pair is written once
   * rather than in a light block and twice over in dark ones (the media query and the attribute).
   */
  :host {
    color-scheme: light dark;
    --course-chat-accent: light-dark(#4338ca, #a5b4fc);
    --course-chat-on-accent: light-dark(#fff, #0f172a);
    --course-chat-bg: light-dark(#fff, #0f172a);
    --course-chat-surface: light-dark(#f8fafc, #1e293b);
    --course-chat-text: light-dark(#0f172a, #f1f5f9);
    --course-chat-muted: light-dark(#475569, #94a3b8);
    --course-chat-border: light-dark(#e2e8f0, #334155);
    --course-chat-control-border: light-dark(#64748b, #94a3b8);
    --course-chat-focus: light-dark(#2563eb, #60a5fa);
    --course-chat-disabled: light-dark(#94a3b8, #475569);
    --course-chat-hover: light-dark(#0f172a08, #f8fafc0a);
    --course-chat-shadow: light-dark(#0f172a33, #0009);
    --course-chat-question-bg: light-dark(#fffbeb, #292011);
    --course-chat-question-border: light-dark(#d97706, #f59e0b);
    --course-chat-question-text: light-dark(#92400e, #fcd34d);
    --course-chat-answered-bg: light-dark(#f0fdf4, #0c2618);
    --course-chat-answered-border: light-dark(#16a34a, #22c55e);
    --course-chat-answered-text: light-dark(#166534, #86efac);
    --course-chat-mention: light-dark(#d97706, #f59e0b);
    --course-chat-mention-bg: light-dark(#fffbeb, #292011);
    --course-chat-badge-bg: light-dark(#dcfce7, #14532d);
    --course-chat-badge-text: light-dark(#14532d, #dcfce7);
    --course-chat-points-bg: light-dark(#f5f3ff, #2e1065);
    --course-chat-points-text: light-dark(#6d28d9, #c4b5fd);
    --course-chat-warning-bg: light-dark(#fef3c7, #422006);
    --course-chat-warning: light-dark(#92400e, #fcd34d);
    --course-chat-danger-bg: light-dark(#fee2e2, #450a0a);
    --course-chat-danger: light-dark(#b91c1c, #fca5a5);
    --course-chat-unread: light-dark(#b91c1c, #fca5a5);
    --course-chat-radius: 0.75rem;
    /* Every browser with light-dark() has system-ui: the older per-platform names would never be reached. */
    --course-chat-font: system-ui, sans-serif;

    display: flex;
    block-size: 100%;
    min-block-size: 24rem;
    container-type: inline-size;
    font-family: var(--course-chat-font);
    font-size: 0.95rem;
    color: var(--course-chat-text);
    background: var(--course-chat-bg);
    border: 1px solid var(--course-chat-border);
    border-radius: var(--course-chat-radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  /* Fills the element whatever display a host gives it: the stream scrolls within this height. */
  .frame {
    display: flex;
    flex-direction: column;
    flex: 1;
    inline-size: 100%;
    block-size: 100%;
    min-block-size: inherit;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--course-chat-border);
    background: var(--course-chat-surface);
  }
  /* The title stays on one line, cut short with an ellipsis (the whole is its tooltip) rather than
     wrapping word by word. */
  h2 {
    margin: 0;
    font-size: 1.05rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .online {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.8rem;
    color: var(--course-chat-muted);
  }
  .online::before {
    content: '';
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: var(--course-chat-answered-border);
  }
  .back {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--course-chat-accent);
    text-decoration: none;
    white-space: nowrap;
  }
  .back:hover {
    text-decoration: underline;
  }
  .banner button,
  .notice button,
  .confirmation button,
  .older,
  .failure button {
    font: inherit;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    color: inherit;
    padding: 0.15rem 0.75rem;
    cursor: pointer;
  }
  .balance {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    margin-inline-start: auto;
    font-size: 0.8rem;
  }
  .points-to-give {
    font-weight: 700;
    color: var(--course-chat-points-text);
  }
  .balance a {
    color: var(--course-chat-accent);
  }
  .quiet,
  .failure,
  .loading {
    flex: 1;
    display: grid;
    place-content: center;
    text-align: center;
    gap: 0.35rem;
    padding: 2rem;
    color: var(--course-chat-muted);
  }
  .quiet strong,
  .failure strong {
    font-size: 1.1rem;
    color: var(--course-chat-text);
  }
  @container (max-width: 40rem) {
    /* A pane or a phone: the header stays one row (title over the online count, the balance and
       Back in two small lines each). */
    .header {
      padding: 0.4rem 0.75rem;
      gap: 0.5rem;
    }
    .heading {
      min-inline-size: 0;
    }
    h2 {
      font-size: 1rem;
    }
    .balance,
    .back {
      font-size: 0.75rem;
      line-height: 1.2;
      white-space: normal;
      text-align: end;
      max-inline-size: 5.5rem;
    }
  }
  /* A phone, or a pane too narrow for the header's words: the title and who is online take what the
     controls leave. Back is a chevron before them, as phones put it, 44 pixels for a finger; the
     points are a star and a number; search and the settings are icons (header-toggle.styles.ts).
     Each keeps its words for assistive technology, at font size 0. */
  @container (max-width: 36rem) {
    .header {
      position: relative;
      padding: 0.2rem 0.5rem;
      gap: 0.25rem;
    }
    .heading {
      flex: 1;
    }
    .back {
      order: -1;
      display: grid;
      place-items: center;
      min-inline-size: 2.75rem;
      min-block-size: 2.75rem;
      font-size: 0;
    }
    /* A chevron is mirrored right to left by the text itself (Bidi_Mirrored). */
    .back::before {
      content: '‹' / '';
      font-size: 2rem;
      line-height: 1;
    }
    .points-to-give {
      font-size: 0;
    }
    /* Earn more is hit anywhere on the points, 44 pixels tall. */
    .balance {
      position: relative;
      min-block-size: 2.75rem;
      justify-content: center;
    }
    .balance a::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    .points-to-give::before {
      content: '★' attr(data-n) / '';
      font-size: 0.85rem;
    }
  }
`;
