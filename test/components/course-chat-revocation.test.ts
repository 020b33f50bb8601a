import { expect, waitUntil } from '@open-wc/testing';
import { openRoom, shadow, useMockBackend } from './helpers.js';

/** Access that ends while the room is open: the backend closes the socket (4003), the room says why. */
describe('<course-chat> when access ends while connected', () => {
  const running = useMockBackend({ scenario: 'quiet-room' });

  it('stops and tells the user they must be enrolled', async () => {
    const mock = running();
    const { courseId, me } = mock.scenario!;
    const el = await openRoom(mock, me.id);
    await waitUntil(() => mock.backend.online(courseId).some((user) => user.id === me.id), 'never connected');
    await expect(el).to.be.accessible();
    const revoked = await mock.backend.handle('devAccess', {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ course_id: courseId, user_id: me.id, role: 'outsider' }),
    });
    expect(revoked.status).to.equal(200);
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no refusal shown', { timeout: 8000 });
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.include(
      'You must be enrolled to access this chat.',
    );
    expect(mock.backend.online(courseId).some((user) => user.id === me.id)).to.be.false;
  });
});
