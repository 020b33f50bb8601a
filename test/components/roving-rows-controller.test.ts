import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RovingRowsController, type Row } from '../../src/components/roving-rows-controller.js';

/** Rows `r<first>` to `r<last>`, each focusable and keyed by its id, as the stream renders them. */
class RowsHost extends LitElement {
  first = 3;
  readonly last = 8;
  /** Times the host was asked for what lies before the first row. */
  loadsBefore = 0;
  readonly keys = new RovingRowsController(this, {
    rows: () => [...this.querySelectorAll<Row>('[data-id]')],
    page: () => 2,
    before: () => {
      if (this.first === 1) return undefined;
      this.loadsBefore += 1;
      this.first = 1;
      this.requestUpdate();
      return this.updateComplete;
    },
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const ids = Array.from({ length: this.last - this.first + 1 }, (_, index) => `r${this.first + index}`);
    const active = this.keys.activeAmong(ids);
    return html`<div @keydown=${this.keys.keydown} @focusin=${this.keys.focusin}>
      ${repeat(
        ids,
        (id) => id,
        (id) =>
          html`<div
            data-id=${id}
            role="article"
            aria-label=${id}
            tabindex=${id === active ? 0 : -1}
            .message=${{ id }}
          ></div>`,
      )}
    </div>`;
  }
}
customElements.define('test-rows-host', RowsHost);

/** Keyboard movement between rows, on a host of its own: no room needed. */
describe('RovingRowsController', () => {
  let host: RowsHost;
  const focused = () => (document.activeElement as Row | null)?.message?.id;
  const tabStops = () => [...host.querySelectorAll<HTMLElement>('[tabindex="0"]')].map((row) => row.dataset.id);

  beforeEach(async () => {
    host = await fixture<RowsHost>(html`<test-rows-host></test-rows-host>`);
  });

  it('is accessible, with one tab stop: the last row until the reader moves', async () => {
    await expect(host).to.be.accessible();
    expect(tabStops()).to.deep.equal(['r8']);
  });

  it('moves with the arrows, Home, End and the page keys, and the tab stop follows', async () => {
    host.querySelector<HTMLElement>('[data-id="r8"]')!.focus();
    const moves: [string, string][] = [
      ['ArrowUp', 'r7'],
      ['PageUp', 'r5'],
      ['ArrowDown', 'r6'],
      ['End', 'r8'],
      ['PageDown', 'r8'],
    ];
    for (const [key, expected] of moves) {
      await sendKeys({ press: key });
      await host.updateComplete;
      expect(focused(), key).to.equal(expected);
      expect(tabStops(), key).to.deep.equal([expected]);
    }
  });

  it('asks for what lies before the first row when the reader goes above it, and lands on it', async () => {
    host.querySelector<HTMLElement>('[data-id="r3"]')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await host.updateComplete;
    expect(host.loadsBefore).to.equal(1);
    expect(focused()).to.equal('r2');
    await sendKeys({ press: 'Home' });
    await host.updateComplete;
    expect(focused()).to.equal('r1');
  });

  it('makes a row focused by the pointer or by Tab the tab stop', async () => {
    host.querySelector<HTMLElement>('[data-id="r5"]')!.focus();
    await host.updateComplete;
    expect(tabStops()).to.deep.equal(['r5']);
  });
});
