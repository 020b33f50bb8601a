import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatNavigateEvent } from '../../src/components/events.js';
import type { MockSession } from '../../src/mock/index.js';
import { helpQueueOf, openRoom, rowWith, say, shadow, useMockBackend } from './helpers.js';

/** People's names lead to their profiles, through the same cancelable event as the other links. */
describe('<course-chat> profile navigation', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  const studentTeacher = () => mock.scenario!.people.find((p) => p.role === 'student_teacher')!;

  /** The room as `userId`, with hash profile links so that following one keeps the test page. */
  async function openWithProfiles(userId: string): Promise<CourseChat> {
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        profile-href="#users/{id}"
        st-profile-href="#student-teachers/{id}"
        .getAuthToken=${() => mock.tokenFor(userId)}
      ></course-chat>`,
    );
    await waitUntil(() => shadow(el).textContent?.includes('online'), 'the room never loaded');
    return el;
  }

  /** A student's message and a student-teacher's, as the student sees them. */
  async function conversation(): Promise<{ el: CourseChat; student: CourseChatMessage; st: CourseChatMessage }> {
    const el = await openWithProfiles(mock.scenario!.me.id);
    const st = await openRoom(mock, studentTeacher().id);
    await say(el, 'Does row reduction change the null space?');
    await say(st, 'No, row operations keep it.');
    await waitUntil(() => rowWith(el, 'No, row operations keep it.'), 'the answer never arrived');
    return {
      el,
      student: rowWith(el, 'Does row reduction change the null space?')!,
      st: rowWith(el, 'No, row operations keep it.')!,
    };
  }

  const nameLink = (row: CourseChatMessage) => shadow(row).querySelector<HTMLAnchorElement>('.meta a.profile');
  const avatarLink = (row: CourseChatMessage) => shadow(row).querySelector<HTMLAnchorElement>('.row > a.profile');

  it('is accessible and links names and avatars to the profile for each role', async () => {
    const { el, student, st } = await conversation();
    await expect(el).to.be.accessible();
    expect(nameLink(student)!.getAttribute('href')).to.equal(`#users/${mock.scenario!.me.id}`);
    expect(nameLink(student)!.textContent).to.equal(mock.scenario!.me.name);
    expect(nameLink(st)!.getAttribute('href')).to.equal(`#student-teachers/${studentTeacher().id}`);
    // The avatar repeats the name's link: one tab stop and one announcement per person.
    expect(avatarLink(st)!.getAttribute('href')).to.equal(`#student-teachers/${studentTeacher().id}`);
    expect(avatarLink(st)!.tabIndex).to.equal(-1);
    expect(avatarLink(st)!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('fires course-chat-navigate for a student’s name; the host may cancel and route itself', async () => {
    const { el, student } = await conversation();
    el.addEventListener('course-chat-navigate', (event) => event.preventDefault(), { once: true });
    setTimeout(() => nameLink(student)!.click());
    const event = (await oneEvent(el, 'course-chat-navigate')) as unknown as CourseChatNavigateEvent;
    expect(event.destination).to.equal('profile');
    expect(event.userId).to.equal(mock.scenario!.me.id);
    expect(event.href).to.equal(`#users/${mock.scenario!.me.id}`);
    expect(event.cancelable).to.be.true;
    expect(location.hash).to.equal('');
  });

  it('follows st-profile-href from a student-teacher’s avatar unless the host cancels', async () => {
    const { el, st } = await conversation();
    setTimeout(() => avatarLink(st)!.click());
    const event = (await oneEvent(el, 'course-chat-navigate')) as unknown as CourseChatNavigateEvent;
    expect(event.destination).to.equal('st-profile');
    expect(event.userId).to.equal(studentTeacher().id);
    await waitUntil(() => location.hash === `#student-teachers/${studentTeacher().id}`, 'the link was not followed');
  });

  it('links a helper in the help queue to their student-teacher profile', async () => {
    const el = await openWithProfiles(mock.scenario!.me.id);
    await openRoom(mock, studentTeacher().id);
    const queue = helpQueueOf(el);
    await waitUntil(() => shadow(queue).querySelector('.helper a.profile'), 'no helper link');
    const link = shadow(queue).querySelector<HTMLAnchorElement>('.helper a.profile')!;
    expect(link.textContent).to.include(studentTeacher().name);
    el.addEventListener('course-chat-navigate', (event) => event.preventDefault(), { once: true });
    setTimeout(() => link.click());
    const event = (await oneEvent(el, 'course-chat-navigate')) as unknown as CourseChatNavigateEvent;
    expect(event.destination).to.equal('st-profile');
    expect(event.userId).to.equal(studentTeacher().id);
    expect(event.href).to.equal(`#student-teachers/${studentTeacher().id}`);
  });

  it('shows names as plain text when the host configured no profile pages', async () => {
    const el = await openRoom(mock, mock.scenario!.me.id);
    await openRoom(mock, studentTeacher().id);
    await say(el, 'Plain names here.');
    const queue = helpQueueOf(el);
    await waitUntil(() => shadow(queue).querySelector('.helper'), 'the helper never came online');
    const row = rowWith(el, 'Plain names here.')!;
    expect(shadow(row).querySelector('.name')!.textContent).to.equal(mock.scenario!.me.name);
    expect(shadow(row).querySelector('a, button.name')).to.be.null;
    expect(shadow(queue).querySelector('.helper a')).to.be.null;
  });
});
