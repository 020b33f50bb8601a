import type { CSSResult, ReactiveControllerHost } from 'lit';

/**
 * A part of the element that the first paint does without, in a chunk of its own beside the
 * module (a dynamic `import()` resolves relative to the importing module, so a CDN path works).
 * `load` imports it once, whoever asks first; a failed load is tried again at the next use.
 */
export interface LazyPart<T> {
  /** The part once it has arrived; until then, undefined. */
  get(): T | undefined;
  /** Loads the part; with `host`, that host renders again when it arrives. */
  load(host?: ReactiveControllerHost): Promise<T>;
}

export function lazyPart<T>(importer: () => Promise<T>): LazyPart<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get: () => loaded,
    load(host) {
      loading ??= importer().then(
        (part) => (loaded = part),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      if (host && loaded === undefined) void loading.then(() => host.requestUpdate());
      return loading;
    },
  };
}

/**
 * An element of the room loaded on first use: defined under its tag when its chunk arrives (unless
 * the page defined that tag already). Until then the tag stays an empty, unknown element, and the
 * properties Lit sets on it are taken over when it upgrades.
 */
export function lazyElement(tag: string, importer: () => Promise<CustomElementConstructor>): LazyPart<void> {
  return lazyPart(async () => defineOnce(tag, await importer()));
}

/** Gives `root` the styles of a part loaded on first use, which came with its chunk (once per root). */
export function adoptStyles(root: ShadowRoot, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Defines `element` under `tag`, unless the page did first (an app bundle and a script tag both). */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/**
 * The live room's elements: the stream, its message rows and the composer, defined together. The
 * room shows once they have arrived; its first paint (loading) does without them, and nobody reads
 * or types before the room has answered.
 */
const liveRoomElements = [
  lazyElement('course-chat-stream', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatStream),
  ),
  lazyElement('course-chat-message', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatMessage),
  ),
  lazyElement('course-chat-composer', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatComposer),
  ),
];
export const liveRoom = lazyPart(async () => {
  await Promise.all(liveRoomElements.map(async (element) => element.load()));
  return true;
});

/** The room's elements that are not part of its first paint. */
export const lazyElements = {
  awardDialog: lazyElement('course-chat-award-dialog', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatAwardDialog),
  ),
  settings: lazyElement('course-chat-settings', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatSettings),
  ),
  helpQueue: lazyElement('course-chat-help-queue', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatHelpQueue),
  ),
  messageMenu: lazyElement('course-chat-message-menu', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatMessageMenu),
  ),
  lowBalance: lazyElement('course-chat-low-balance', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatLowBalance),
  ),
  search: lazyElement('course-chat-search', async () =>
    import('./after-first-paint.js').then((module) => module.CourseChatSearch),
  ),
};

/**
 * Loads `parts` as `host` connects: parts it shows at once, but that its first paint does without.
 * The host renders again as each arrives, so what it holds back until then can show.
 */
export function loadWhenConnected(host: ReactiveControllerHost, ...parts: ReadonlyArray<LazyPart<unknown>>): void {
  host.addController({ hostConnected: () => parts.forEach((part) => void part.load(host)) });
}
