import type * as Renderer from './render.js';

/**
 * Whether a text may use anything of the Markdown subset or math. A message for which this is
 * false renders as plain text without loading the renderer; a false positive only costs the load.
 * It lives apart from the parser so the first download holds this test and nothing else of it.
 */
export const mayBeRichText = (source: string): boolean =>
  /[*_`$\\]|\]\(|https?:\/\/|^ {0,3}(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]|~~~)/m.test(source);

let loaded: typeof Renderer | undefined;
let loading: Promise<typeof Renderer> | undefined;

/** The renderer once it has loaded; until then, undefined (the text shows plain meanwhile). */
export const richTextRenderer = (): typeof Renderer | undefined => loaded;

/** Loads the renderer (once, whoever asks first): parser, math and their styles. */
export function loadRichText(): Promise<typeof Renderer> {
  loading ??= import('./render.js').then((module) => (loaded = module));
  return loading;
}
