import { expect, waitUntil } from '@open-wc/testing';
import { css } from 'lit';
import { adoptStyles, lazyElement, lazyPart } from '../../src/components/lazy.js';

/** A host that counts the renders it was asked for. */
const countingHost = () => ({
  updates: 0,
  addController: () => {},
  removeController: () => {},
  requestUpdate() {
    this.updates += 1;
  },
  updateComplete: Promise.resolve(true),
});

describe('a part loaded on first use', () => {
  it('is imported once, whoever asks, and asks its host to render when it arrives', async () => {
    let imports = 0;
    const part = lazyPart(async () => ({ imported: (imports += 1) }));
    const host = countingHost();
    expect(part.get()).to.be.undefined;
    const [a, b] = await Promise.all([part.load(host), part.load()]);
    expect(a).to.equal(b);
    expect(imports).to.equal(1);
    expect(part.get()).to.equal(a);
    await waitUntil(() => host.updates === 1, 'the host was not asked to render');
    await part.load(host);
    expect(host.updates, 'no render asked for once loaded').to.equal(1);
  });

  it('is tried again at the next use after a failed load', async () => {
    let attempts = 0;
    const part = lazyPart(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'arrived';
    });
    let failure: unknown;
    await part.load().catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(TypeError);
    expect(await part.load()).to.equal('arrived');
    expect(attempts).to.equal(2);
  });

  it('defines an element under its tag when it arrives, and upgrades one already on the page', async () => {
    const tag = `lazy-part-${Math.random().toString(36).slice(2)}`;
    const early = document.createElement(tag) as HTMLElement & { label?: string };
    early.label = 'set before it loaded';
    document.body.append(early);
    class Late extends HTMLElement {
      get shown() {
        return 'upgraded';
      }
    }
    await lazyElement(tag, async () => Late).load();
    expect(customElements.get(tag)).to.equal(Late);
    expect((early as unknown as Late).shown).to.equal('upgraded');
    expect(early.label).to.equal('set before it loaded');
    early.remove();
  });

  it('leaves a tag the page defined first as it is', async () => {
    const tag = `lazy-part-${Math.random().toString(36).slice(2)}`;
    class Host extends HTMLElement {}
    customElements.define(tag, Host);
    await lazyElement(tag, async () => class extends HTMLElement {}).load();
    expect(customElements.get(tag)).to.equal(Host);
  });

  it('gives a shadow root the styles that came with the part, once however often it is asked', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p class="late">late</p>';
    document.body.append(host);
    const styles = css`
      .late {
        color: rgb(1, 2, 3);
      }
    `;
    adoptStyles(root, styles);
    adoptStyles(root, styles);
    expect(root.adoptedStyleSheets).to.have.length(1);
    expect(getComputedStyle(root.querySelector('.late')!).color).to.equal('rgb(1, 2, 3)');
    host.remove();
  });
});
