import { lazyPart } from '../lazy.js';

/**
 * Whether a text may use anything of the Markdown subset or math. A message for which this is
 * false renders as plain text without loading the renderer; a false positive only costs the load.
 * It lives apart from the parser so the first download holds this test and nothing else of it.
 */
export const mayBeRichText = (source: string): boolean =>
  /[*_`$\\]|\]\(|https?:\/\/|^ {0,3}(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]|~~~)/m.test(source);

/** The renderer (parser, math and their styles), loaded by the first message or preview that needs it. */
export const richText = lazyPart(() => import('./render.js'));
