import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { defaultStrings, type CourseChatStrings } from '../../src/index.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import {
  action,
  composerOf,
  firstUnreadJumpOf,
  helpQueueOf,
  postAs,
  rowWith,
  say,
  shadow,
  textareaOf,
  useMockBackend,
} from './helpers.js';

/** A few of the texts in German, counts through the language's own plural rules. */
const german = (): Partial<CourseChatStrings> => {
  const plural = new Intl.PluralRules('de');
  return {
    title: (course) => `${course}: Kurs-Chat`,
    online: (n) => `${n} online`,
    placeholder: 'Nachricht schreiben…',
    reply: 'Antworten',
    pendingQuestions: (n) => (plural.select(n) === 'one' ? '1 offene Frage' : `${n} offene Fragen`),
    noQuestions: 'Keine offenen Fragen.',
  };
};

/** Translation, the language of times and numbers, and right-to-left layout. */
describe('<course-chat> in other languages', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  /** Opens the room as `userId` inside a wide box with the given `lang` and `dir`. */
  async function open(
    userId: string,
    { lang, dir, strings = {} }: { lang?: string; dir?: string; strings?: Partial<CourseChatStrings> } = {},
  ): Promise<CourseChat> {
    const box = await fixture<HTMLDivElement>(
      html`<div lang=${ifDefined(lang)} dir=${ifDefined(dir)} style="inline-size: 60rem; block-size: 40rem">
        <course-chat
          course-id=${mock.scenario!.courseId}
          .strings=${strings}
          .getAuthToken=${() => mock.tokenFor(userId)}
        ></course-chat>
      </div>`,
    );
    const el = box.querySelector('course-chat')!;
    await waitUntil(() => shadow(el).querySelector('course-chat-composer'), 'the room never loaded');
    return el;
  }

  const queue = (el: CourseChat) => helpQueueOf(el);

  it('is accessible, and shows a host’s texts in the header, composer, help queue and actions', async () => {
    const el = await open(mock.scenario!.me.id, { lang: 'de', strings: german() });
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('h2')!.textContent).to.equal(`${mock.scenario!.title}: Kurs-Chat`);
    await waitUntil(() => shadow(el).querySelector('.online')!.textContent === '1 online');
    expect(textareaOf(el).placeholder).to.equal('Nachricht schreiben…');
    expect(shadow(queue(el)).querySelector('.empty')!.textContent).to.equal('Keine offenen Fragen.');
    // Untranslated texts stay English.
    expect(shadow(el).querySelector('.back')!.textContent).to.equal(defaultStrings.back);

    await say(el, 'Wie invertiere ich eine Matrix?', { question: true });
    await waitUntil(() => shadow(queue(el)).querySelector('h3')!.textContent === '1 offene Frage');
    await say(el, 'Und wie berechne ich die Determinante?', { question: true });
    await waitUntil(() => shadow(queue(el)).querySelector('h3')!.textContent === '2 offene Fragen');

    const reply = action(rowWith(el, 'Wie invertiere ich eine Matrix?')!, 'reply')!;
    expect(reply.textContent!.trim()).to.equal('Antworten');
    expect(reply.getAttribute('aria-label')).to.equal(`Antworten: ${mock.scenario!.me.name}`);
    await expect(el).to.be.accessible();
  });

  it('passes new texts down when the host replaces them', async () => {
    const el = await open(mock.scenario!.me.id);
    await say(el, 'Hello');
    el.strings = { reply: 'Répondre', placeholder: 'Écrire un message…' };
    await el.updateComplete;
    await waitUntil(() => action(rowWith(el, 'Hello')!, 'reply')!.textContent!.trim() === 'Répondre');
    await composerOf(el).updateComplete;
    expect(textareaOf(el).placeholder).to.equal('Écrire un message…');
  });

  it('counts in the English defaults with plural forms and grouped digits', () => {
    expect(defaultStrings.balance(1)).to.equal('1 point to give');
    expect(defaultStrings.balance(1200)).to.equal('1,200 points to give');
    expect(defaultStrings.unseen(1)).to.equal('1 new message');
    expect(defaultStrings.unseen(3)).to.equal('3 new messages');
    expect(defaultStrings.earned(1)).to.equal('+1 goodwill point');
    expect(defaultStrings.pending(2)).to.equal('2 of your questions are waiting.');
    expect(defaultStrings.typing(['Ana'])).to.equal('Ana is typing…');
    expect(defaultStrings.typing(['Ana', 'Ben'])).to.equal('Ana and Ben are typing…');
  });

  it('writes times in the language of the nearest lang', async () => {
    const el = await open(mock.scenario!.me.id, { lang: 'fr' });
    await say(el, 'Bonjour à tous');
    const time = shadow(rowWith(el, 'Bonjour à tous')!).querySelector('time')!;
    expect(time.textContent).to.equal(new Intl.RelativeTimeFormat('fr', { numeric: 'auto' }).format(0, 'second'));
    const at = Date.parse(time.dateTime);
    expect(time.title).to.equal(
      new Intl.DateTimeFormat('fr', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(at)),
    );
    const row = rowWith(el, 'Bonjour à tous')!;
    row.now = at + 5 * 60_000;
    await row.updateComplete;
    expect(time.textContent).to.equal(new Intl.RelativeTimeFormat('fr', { style: 'short' }).format(-5, 'minute'));

    await say(el, 'Une question ?', { question: true });
    await waitUntil(() => shadow(queue(el)).querySelector('.waited'));
    queue(el).now = at + 2 * 60 * 60_000;
    await queue(el).updateComplete;
    const hours = new Intl.NumberFormat('fr', { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(2);
    expect(shadow(queue(el)).querySelector('.waited')!.textContent).to.include(defaultStrings.waiting(hours));
  });

  it('lays out right to left under dir="rtl"', async () => {
    const { me, other, courseId } = mock.scenario!;
    const post = (userId: string, content: string, mentions: string[] = []) =>
      postAs(mock, userId, content, { mentions });
    mock.backend.markRead(me.id, courseId, post(me.id, 'I was here').seq);
    post(other.id, `Welcome back @${me.name}`, [me.id]);
    const el = await open(me.id, { dir: 'rtl' });
    await waitUntil(() => firstUnreadJumpOf(el), 'no jump to the first unread message');
    await expect(el).to.be.accessible();
    const main = shadow(el).querySelector('.main')!.getBoundingClientRect();
    const jump = firstUnreadJumpOf(el)!.getBoundingClientRect();
    expect((jump.left + jump.right) / 2, 'the jump up is centred').to.be.closeTo((main.left + main.right) / 2, 1);
    expect(queue(el).getBoundingClientRect().right, 'the help queue is on the left').to.be.at.most(main.left + 1);

    const mention = shadow(rowWith(el, `Welcome back @${me.name}`)!);
    const avatar = mention.querySelector('.avatar')!.getBoundingClientRect();
    const content = mention.querySelector('.content')!.getBoundingClientRect();
    expect(avatar.left, 'the avatar is right of the text').to.be.at.least(content.right);
    // The marks beside a mention and a question are at their start: the right.
    const marked = getComputedStyle(mention.querySelector('.row')!);
    expect([marked.borderRightWidth, marked.borderLeftWidth]).to.deep.equal(['3px', '0px']);
    await say(el, 'Hello from the right', { question: true });
    const question = getComputedStyle(shadow(el).querySelector('.thread.question')!);
    expect([question.borderRightWidth, question.borderLeftWidth]).to.deep.equal(['3px', '0px']);
    await expect(el).to.be.accessible();
  });
});

describe('<course-chat> failure texts', () => {
  it('words a failure by its kind, in the host’s texts', async () => {
    const mock = await startMockBackend({ scenario: 'not-enrolled' });
    try {
      const box = await fixture<HTMLDivElement>(
        html`<div>
          <course-chat
            course-id=${mock.scenario!.courseId}
            .strings=${{ failures: { ...defaultStrings.failures, not_enrolled: 'Bitte schreibe dich zuerst ein.' } }}
            .getAuthToken=${() => mock.tokenFor(mock.scenario!.me.id)}
          ></course-chat>
        </div>`,
      );
      const el = box.querySelector('course-chat')!;
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no failure shown');
      await expect(el).to.be.accessible();
      expect(shadow(el).querySelector('.failure')!.textContent!.trim()).to.equal('Bitte schreibe dich zuerst ein.');
    } finally {
      await mock.stop();
    }
  });
});
