import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { openRoom, postAs, rows, rowWith, shadow, textareaOf, useMockBackend } from './helpers.js';

type Rgb = [number, number, number];

/**
 * Pairs of the element's colour properties, foreground first, with the least contrast WCAG 2.2 AA
 * asks of them: 4.5:1 for text, 3:1 for the lines and rings that identify a component or state.
 */
const pairs: [string, string, number][] = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['text', 'question-bg', 4.5],
  ['text', 'answered-bg', 4.5],
  ['text', 'mention-bg', 4.5],
  ['muted', 'bg', 4.5],
  ['muted', 'surface', 4.5],
  ['muted', 'question-bg', 4.5],
  ['muted', 'answered-bg', 4.5],
  ['muted', 'mention-bg', 4.5],
  // Links and link-like buttons: Back to Course, Need 1-on-1 Help?, Cancel reply, similar questions.
  ['accent', 'bg', 4.5],
  ['accent', 'surface', 4.5],
  ['accent', 'question-bg', 4.5],
  ['accent', 'warning-bg', 4.5],
  ['on-accent', 'accent', 4.5],
  ['question-text', 'question-bg', 4.5],
  ['question-text', 'warning-bg', 4.5],
  ['answered-text', 'answered-bg', 4.5],
  ['answered-text', 'surface', 4.5],
  ['badge-text', 'badge-bg', 4.5],
  ['points-text', 'bg', 4.5],
  ['points-text', 'surface', 4.5],
  ['points-text', 'question-bg', 4.5],
  ['points-text', 'points-bg', 4.5],
  ['warning', 'warning-bg', 4.5],
  ['warning', 'surface', 4.5],
  ['danger', 'danger-bg', 4.5],
  ['danger', 'bg', 4.5],
  ['danger', 'surface', 4.5],
  ['danger', 'question-bg', 4.5],
  ['unread', 'bg', 4.5],
  ['unread', 'question-bg', 4.5],
  ['unread', 'answered-bg', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'surface', 3],
  ['control-border', 'bg', 3],
  ['control-border', 'surface', 3],
  ['question-border', 'question-bg', 3],
  ['answered-border', 'answered-bg', 3],
  ['mention', 'mention-bg', 3],
];

function rgb(color: string): Rgb {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

/** A colour property as the element resolves it in the theme it is in. */
function resolved(el: CourseChat, name: string): Rgb {
  const probe = document.createElement('span');
  probe.style.color = `var(--course-chat-${name})`;
  shadow(el).append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return rgb(color);
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Every element of the element's shadow trees, nested ones included. */
function everything(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((node) => [
    node,
    ...(node.shadowRoot ? everything(node.shadowRoot) : []),
  ]);
}

/** Light and dark themes, contrast in both, and the system's forced colours and reduced motion. */
describe('<course-chat> themes', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });
  afterEach(async () => {
    await executeServerCommand('emulate-media-features', []);
  });

  const studentTeacher = () => mock.scenario!.people.find((person) => person.role === 'student_teacher')!;

  function post(userId: string, content: string, extra: { is_question?: boolean; reply_to_id?: string } = {}) {
    const { me } = mock.scenario!;
    return postAs(mock, userId, content, { mentions: content.includes(`@${me.name}`) ? [me.id] : [], ...extra });
  }

  /** A room with what is told apart by colour: open and answered questions, an ST badge, a mention. */
  async function colourfulRoom(): Promise<CourseChat> {
    const { me, other, courseId } = mock.scenario!;
    const st = studentTeacher();
    post(me.id, 'Why is the determinant of a rotation 1?', { is_question: true });
    const answered = post(other.id, 'How do I invert a 2x2 matrix?', { is_question: true });
    const answer = post(st.id, 'Swap a and d, negate b and c, divide by the determinant.', {
      reply_to_id: answered.id,
    });
    mock.backend.markHelpful(st.id, courseId, answer.id);
    post(other.id, `Thanks @${me.name}, that helped`);
    const el = await openRoom(mock, me.id);
    await waitUntil(() => shadow(el).querySelector('.thread.question.answered') && rows(el).length === 4);
    return el;
  }

  it('is accessible in the light theme and in the dark', async () => {
    const el = await colourfulRoom();
    el.theme = 'light';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('keeps text at 4.5:1 and component lines at 3:1 in both themes', async () => {
    const el = await colourfulRoom();
    await expect(el).to.be.accessible();
    for (const theme of ['light', 'dark'] as const) {
      el.theme = theme;
      await el.updateComplete;
      const failing = pairs
        .map(([foreground, background, least]) => ({
          pair: `${theme}: ${foreground} on ${background}`,
          ratio: Math.round(contrast(resolved(el, foreground), resolved(el, background)) * 100) / 100,
          least,
        }))
        .filter(({ ratio, least }) => ratio < least);
      expect(failing).to.deep.equal([]);
    }
  });

  it('follows the system unless the theme attribute forces one', async () => {
    const el = await colourfulRoom();
    await expect(el).to.be.accessible();
    const background = () => getComputedStyle(el).backgroundColor;
    await emulateMedia({ colorScheme: 'light' });
    expect(el.theme).to.equal('auto');
    const light = background();

    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    const dark = background();
    expect(luminance(rgb(dark))).to.be.below(luminance(rgb(light)));
    // Native controls (the award slider, the settings' checkboxes) follow the theme too.
    expect(getComputedStyle(el).colorScheme).to.equal('dark');

    el.theme = 'auto';
    await el.updateComplete;
    expect(background()).to.equal(light);
    await emulateMedia({ colorScheme: 'dark' });
    expect(background()).to.equal(dark);
    expect(getComputedStyle(textareaOf(el)).backgroundColor).to.equal(dark);

    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(el.theme).to.equal('light');
    expect(background()).to.equal(light);
  });

  it('moves nothing when the system asks for reduced motion', async () => {
    const el = await colourfulRoom();
    await expect(el).to.be.accessible();
    await emulateMedia({ reducedMotion: 'reduce' });
    const moving = [el, ...everything(shadow(el))]
      .map((node) => ({
        node: [node.localName, ...node.classList].join('.'),
        style: getComputedStyle(node),
      }))
      .filter(
        ({ style }) =>
          /[1-9]/.test(style.transitionDuration + style.animationDuration) || style.scrollBehavior === 'smooth',
      )
      .map(({ node }) => node);
    expect(moving).to.deep.equal([]);
  });

  it('keeps what colour alone tells apart in forced colours', async () => {
    const el = await colourfulRoom();
    await expect(el).to.be.accessible();
    await executeServerCommand('emulate-media-features', [{ name: 'forced-colors', value: 'active' }]);
    expect(matchMedia('(forced-colors: active)').matches).to.be.true;
    const canvas = getComputedStyle(el).backgroundColor;
    const line = (node: Element) => {
      const style = getComputedStyle(node);
      return {
        width: style.borderInlineStartWidth,
        style: style.borderInlineStartStyle,
        color: style.borderInlineStartColor,
      };
    };

    const open = line(shadow(el).querySelector('.thread.question:not(.answered)')!);
    const answered = line(shadow(el).querySelector('.thread.question.answered')!);
    expect(open).to.include({ width: '3px', style: 'solid' });
    expect(open.color).to.not.equal(canvas);
    expect(answered.color).to.not.equal(canvas);
    expect(open.color, 'open and answered questions look alike').to.not.equal(answered.color);

    // A border, unlike a shadow, survives forced colours.
    const mention = rowWith(el, `Thanks @${mock.scenario!.me.name}, that helped`)!;
    expect(line(shadow(mention).querySelector('.row')!)).to.include({ width: '3px', style: 'solid' });
    expect(getComputedStyle(shadow(mention).querySelector('mark.mention')!).backgroundColor).to.not.equal(canvas);

    const st = rowWith(el, 'Swap a and d, negate b and c, divide by the determinant.')!;
    expect(getComputedStyle(shadow(st).querySelector('.badge')!).borderTopStyle).to.equal('solid');

    const [chat, queue] = [...shadow(el).querySelectorAll('[role="tab"]')].map(
      (tab) => getComputedStyle(tab).borderBlockEndColor,
    );
    expect(chat, 'the selected tab looks like the other').to.not.equal(queue);
    expect(queue).to.equal(canvas);

    const textarea = textareaOf(el);
    textarea.focus();
    const ring = getComputedStyle(textarea);
    expect(ring.outlineStyle).to.equal('solid');
    expect(ring.outlineWidth).to.equal('2px');
    expect(ring.outlineColor).to.not.equal(canvas);
  });
});
