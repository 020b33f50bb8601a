/** A horizontal touch swipe this long (and mostly horizontal) switches the narrow layout's tab. */
const swipePx = 60;

/**
 * On a narrow screen a swipe moves between the stream and the help queue, as their tabs do. Its
 * handlers go on the element that holds both panels.
 */
export class SwipeTabsController {
  #from: { x: number; y: number } | null = null;
  readonly #host: Element;
  readonly #swiped: (forward: boolean) => void;

  /** `swiped` is told whether the swipe went forward, to the panel after the current one. */
  constructor(host: Element, swiped: (forward: boolean) => void) {
    this.#host = host;
    this.#swiped = swiped;
  }

  readonly start = (event: PointerEvent): void => {
    this.#from = event.pointerType === 'touch' ? { x: event.clientX, y: event.clientY } : null;
  };

  readonly cancel = (): void => {
    this.#from = null;
  };

  readonly end = (event: PointerEvent): void => {
    const from = this.#from;
    this.#from = null;
    if (!from) return;
    const dx = event.clientX - from.x;
    if (Math.abs(dx) < swipePx || Math.abs(dx) < 2 * Math.abs(event.clientY - from.y)) return;
    // The later panel lies after in reading order: towards the start edge is forward.
    this.#swiped(getComputedStyle(this.#host).direction === 'rtl' ? dx > 0 : dx < 0);
  };
}
