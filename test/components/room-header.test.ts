import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { shadow, useMockBackend } from './helpers.js';

/** Where the element is: a touch phone's whole screen, or a desktop page's half-width pane. */
interface Place {
  name: string;
  phone?: { width: number; height: number };
  pane?: number;
}

const places: Place[] = [
  { name: 'a 375 by 740 phone', phone: { width: 375, height: 740 } },
  { name: 'a 320 pixel phone', phone: { width: 320, height: 640 } },
  { name: 'a 480 pixel pane', pane: 480 },
];

async function openIn(mock: MockSession, place: Place): Promise<CourseChat> {
  if (place.phone) await executeServerCommand('touch-phone', place.phone);
  const wrapper = await fixture<HTMLDivElement>(
    html`<div
      style=${place.pane ? `inline-size: ${place.pane}px; block-size: 640px; display: grid` : 'position: fixed; inset: 0; display: grid'}
    >
      <course-chat
        course-id=${mock.scenario!.courseId}
        back-href="#course"
        earn-href="#earn"
        .getAuthToken=${() => mock.tokenFor(mock.scenario!.me.id)}
      ></course-chat>
    </div>`,
  );
  const el = wrapper.querySelector<CourseChat>('course-chat')!;
  await waitUntil(() => shadow(el).querySelector('.online'), 'the room never went live');
  // Search and the settings arrive as the room connects, after its first paint.
  await waitUntil(
    () =>
      ['course-chat-search', 'course-chat-settings'].every((tag) =>
        shadow(el).querySelector(tag)?.shadowRoot?.querySelector('.toggle'),
      ),
    'the header controls never arrived',
  );
  return el;
}

/** The header's controls, each with the words it keeps for assistive technology. */
function controlsOf(el: CourseChat): Record<string, Element> {
  const root = shadow(el);
  const toggle = (tag: string) => root.querySelector(tag)!.shadowRoot!.querySelector('.toggle')!;
  return {
    'Back to Course': root.querySelector('.back')!,
    'points to give': root.querySelector('.balance')!,
    Search: toggle('course-chat-search'),
    'Room settings': toggle('course-chat-settings'),
  };
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

describe('the room header', () => {
  const running = useMockBackend({ scenario: 'busy-room' });
  afterEach(() => executeServerCommand('touch-reset'));

  for (const place of places) {
    it(`is one row on ${place.name}: the title and who is online, the controls beside them and clear of them`, async () => {
      const el = await openIn(running(), place);
      await expect(el).to.be.accessible();
      const header = shadow(el).querySelector('.header')!.getBoundingClientRect();
      const title = shadow(el).querySelector('h2')!;
      const online = shadow(el).querySelector('.online')!;
      expect(header.height, 'the header took more than one row').to.be.below(64);
      // One line of the title's font is well under two of its font sizes; two lines are over.
      const fontSize = parseFloat(getComputedStyle(title).fontSize);
      expect(title.getBoundingClientRect().height, 'the title wrapped').to.be.below(2 * fontSize);
      expect(title.getAttribute('title'), 'the whole title is not available').to.equal('Linear Algebra Chat');
      for (const [words, control] of Object.entries(controlsOf(el))) {
        const box = control.getBoundingClientRect();
        expect(control.textContent, `${words} lost its words`).to.include(words);
        expect(box.width, `${words} is not shown`).to.be.above(0);
        expect(box.top, `${words} is below the header's row`).to.be.at.least(header.top);
        expect(box.bottom, `${words} is below the header's row`).to.be.at.most(header.bottom);
        expect(box.right, `${words} is cut off`).to.be.at.most(header.right);
        for (const part of [title, online])
          expect(overlap(box, part.getBoundingClientRect()), `${words} overlaps ${part.textContent}`).to.equal(0);
      }
    });
  }

  for (const place of places)
    it(`opens search within the element on ${place.name}`, async () => {
      const el = await openIn(running(), place);
      const search = shadow(el).querySelector('course-chat-search')!.shadowRoot!;
      search.querySelector<HTMLButtonElement>('.toggle')!.click();
      await waitUntil(() => search.querySelector('.panel'), 'search did not open');
      const panel = search.querySelector('.panel')!.getBoundingClientRect();
      const room = el.getBoundingClientRect();
      expect(panel.left, "the panel's start is cut off").to.be.at.least(room.left);
      expect(panel.right, "the panel's end is cut off").to.be.at.most(room.right);
      await expect(el).to.be.accessible();
    });

  it('gives a finger controls of at least 44 by 44 pixels on a touch phone', async () => {
    const el = await openIn(running(), places[0]!);
    expect(matchMedia('(pointer: coarse)').matches, 'the phone has no touch screen').to.be.true;
    const { 'points to give': balance, ...controls } = controlsOf(el);
    for (const [words, control] of Object.entries(controls)) {
      const box = control.getBoundingClientRect();
      expect([box.width, box.height], words).to.satisfy(([w, h]: number[]) => w! >= 44 && h! >= 44);
    }
    // Earn more is hit anywhere on the points: a finger on any corner of them follows it.
    const box = balance!.getBoundingClientRect();
    expect(box.height, 'the points are not 44 pixels tall').to.be.at.least(44);
    for (const [x, y] of [
      [box.left + 2, box.top + 2],
      [box.right - 2, box.bottom - 2],
    ])
      expect(shadow(el).elementFromPoint(x!, y!)?.textContent, `at ${x}, ${y}`).to.equal('Earn more');
  });
});
