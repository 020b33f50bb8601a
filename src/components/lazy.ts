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

const afterFirstPaint = async () => import('./after-first-paint.js');
type AfterFirstPaint = Awaited<ReturnType<typeof afterFirstPaint>>;
type ElementOf<Module> = {
  [Name in keyof Module]: Module[Name] extends CustomElementConstructor ? Name : never;
}[keyof Module];

/** An element of the after-first-paint chunk, defined under `tag` when the chunk arrives. */
const laterElement = (tag: string, name: ElementOf<AfterFirstPaint>) =>
  lazyElement(tag, async () => (await afterFirstPaint())[name]);

/**
 * The live room's elements: the stream, its message rows and the composer, defined together, and
 * the styles of what the room shows around them (`roomStateStyles`), which it resolves to. The room
 * shows once they have arrived; its first paint (loading) does without them, and nobody reads or
 * types before the room has answered.
 */
const liveRoomElements = [
  laterElement('course-chat-stream', 'CourseChatStream'),
  laterElement('course-chat-message', 'CourseChatMessage'),
  laterElement('course-chat-composer', 'CourseChatComposer'),
];
export const liveRoom = lazyPart(async () => {
  await Promise.all(liveRoomElements.map(async (element) => element.load()));
  return (await afterFirstPaint()).roomStateStyles;
});

/** The room's elements that are not part of its first paint. */
export const lazyElements = {
  awardDialog: laterElement('course-chat-award-dialog', 'CourseChatAwardDialog'),
  settings: laterElement('course-chat-settings', 'CourseChatSettings'),
  helpQueue: laterElement('course-chat-help-queue', 'CourseChatHelpQueue'),
  messageMenu: laterElement('course-chat-message-menu', 'CourseChatMessageMenu'),
  lowBalance: laterElement('course-chat-low-balance', 'CourseChatLowBalance'),
  search: laterElement('course-chat-search', 'CourseChatSearch'),
};

/**
 * Loads `parts` as `host` connects: parts it shows at once, but that its first paint does without.
 * The host renders again as each arrives, or when one could not come (`failed`: a CDN hiccup,
 * offline, a deploy that removed the chunk). `load()` asks again: Chromium fetches a module whose
 * fetch failed anew rather than remembering the failure (course-chat-load-failure.test.ts).
 */
export class PartsOnConnect implements ReactiveController {
  failed = false;
  readonly #host: ReactiveControllerHost;
  readonly #parts: ReadonlyArray<LazyPart<unknown>>;

  constructor(host: ReactiveControllerHost, ...parts: ReadonlyArray<LazyPart<unknown>>) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  hostConnected(): void {
    this.load();
  }

  load(): void {
    this.failed = false;
    this.#host.requestUpdate();
    Promise.all(this.#parts.map(async (part) => part.load(this.#host))).catch(() => {
      this.failed = true;
      this.#host.requestUpdate();
    });
  }
}
