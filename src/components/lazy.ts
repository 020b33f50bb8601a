import type { CSSResult, ReactiveController, ReactiveControllerHost } from 'lit';

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
      // Whoever asked learns of a failure through the promise returned; the host need not render.
      if (host && loaded === undefined)
        loading.then(
          () => host.requestUpdate(),
          () => {},
        );
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

/** The room's elements that come after its first paint, by tag, as after-first-paint.ts names them. */
const laterElements = {
  'course-chat-stream': 'CourseChatStream',
  'course-chat-message': 'CourseChatMessage',
  'course-chat-composer': 'CourseChatComposer',
  'course-chat-settings': 'CourseChatSettings',
  'course-chat-help-queue': 'CourseChatHelpQueue',
  'course-chat-search': 'CourseChatSearch',
  'course-chat-low-balance': 'CourseChatLowBalance',
  'course-chat-award-dialog': 'CourseChatAwardDialog',
  'course-chat-message-menu': 'CourseChatMessageMenu',
} as const;

/**
 * The live room: every element of the room that its first paint (loading) does without, defined
 * together as their one chunk arrives, and the styles of what the room shows around them
 * (`roomStateStyles`), which it resolves to. The room shows once it has arrived, so the first
 * thing read or typed works, and whatever the room then opens (the award dialog, a message's menu)
 * is defined already.
 */
export const liveRoom = lazyPart(async () => {
  const chunk = await import('./after-first-paint.js');
  for (const [tag, name] of Object.entries(laterElements)) defineOnce(tag, chunk[name]);
  return chunk.roomStateStyles;
});

/**
 * Loads `part` as `host` connects: what the host shows at once, but its first paint does without.
 * The host renders again as it arrives, or when it could not come (`failed`: a CDN hiccup,
 * offline, a deploy that removed the chunk). `load()` asks again: Chromium fetches a module whose
 * fetch failed anew rather than remembering the failure (course-chat-load-failure.test.ts).
 */
export class LoadOnConnect implements ReactiveController {
  failed = false;
  readonly #host: ReactiveControllerHost;
  readonly #part: LazyPart<unknown>;

  constructor(host: ReactiveControllerHost, part: LazyPart<unknown>) {
    this.#host = host;
    this.#part = part;
    host.addController(this);
  }

  hostConnected(): void {
    this.load();
  }

  load(): void {
    this.failed = false;
    this.#host.requestUpdate();
    this.#part.load(this.#host).catch(() => {
      this.failed = true;
      this.#host.requestUpdate();
    });
  }
}
