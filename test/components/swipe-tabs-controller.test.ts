import { expect, fixture, html } from '@open-wc/testing';
import { SwipeTabsController } from '../../src/components/swipe-tabs-controller.js';

/** A swipe between the stream and the help queue, on an element of its own: no room needed. */
describe('SwipeTabsController', () => {
  let panels: HTMLElement;
  let swipes: boolean[];
  let swipe: SwipeTabsController;

  beforeEach(async () => {
    panels = await fixture<HTMLElement>(html`<div style="width: 300px; height: 200px"></div>`);
    swipes = [];
    swipe = new SwipeTabsController(panels, (forward) => swipes.push(forward));
  });

  function drag(from: [number, number], to: [number, number], pointerType = 'touch'): void {
    swipe.start(new PointerEvent('pointerdown', { pointerType, clientX: from[0], clientY: from[1] }));
    swipe.end(new PointerEvent('pointerup', { pointerType, clientX: to[0], clientY: to[1] }));
  }

  it('goes forward on a swipe towards the start edge, and back on one towards the end', () => {
    drag([250, 100], [100, 110]);
    drag([100, 100], [250, 90]);
    expect(swipes).to.deep.equal([true, false]);
  });

  it('reads the edges the other way round right to left', () => {
    panels.dir = 'rtl';
    drag([250, 100], [100, 100]);
    expect(swipes).to.deep.equal([false]);
  });

  it('ignores a short or mostly vertical swipe, a mouse drag, and one the browser cancelled', () => {
    drag([200, 100], [160, 100]);
    drag([250, 20], [150, 190]);
    drag([250, 100], [100, 100], 'mouse');
    swipe.start(new PointerEvent('pointerdown', { pointerType: 'touch', clientX: 250, clientY: 100 }));
    swipe.cancel();
    swipe.end(new PointerEvent('pointerup', { pointerType: 'touch', clientX: 100, clientY: 100 }));
    expect(swipes).to.deep.equal([]);
  });
});
