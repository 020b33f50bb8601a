/**
 * Search in a room's history (issue #20), held against any backend: access as for history, word
 * prefixes, answered questions first, paging without gaps or repeats, nothing from another course,
 * nothing the reader reported.
 */
import { expect } from '@open-wc/testing';
import {
  messageResponse,
  paths,
  reportResponse,
  searchResponse,
  type ChatMessage,
  type SearchResponse,
  type SendMessageBody,
} from '../../src/protocol/index.js';
import type { ConformanceTarget } from './suite.js';
import { courseFactory, messageBody, Wire, type Course, type Person } from './wire.js';

export function searchSuite(target: ConformanceTarget): void {
  describe(`protocol conformance, search: ${target.name}`, function () {
    this.timeout(30_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);

    const send = async (c: Course, person: Person, content: string, extra: Partial<SendMessageBody> = {}) => {
      const reply = await wire.post(c, person, messageBody(content, extra));
      expect(reply.status, JSON.stringify(reply.json)).to.equal(201);
      return messageResponse.parse(reply.json).message;
    };
    const search = (c: Course, person: Person, query: string): Promise<SearchResponse> =>
      wire.ok(searchResponse, 'GET', `${paths.search(c.id)}?${query}`, { token: person.token });
    const ids = (messages: readonly ChatMessage[]) => messages.map((m) => m.id);

    it('is for the course’s participants only, and refuses a query without words', async () => {
      const c = await course({ students: 1, outsiders: 1 });
      const [ana] = c.students;
      const [outsider] = c.outsiders;
      await wire.fails('not_enrolled', 'GET', `${paths.search(c.id)}?q=eigen`, { token: outsider!.token });
      await wire.fails('unauthenticated', 'GET', `${paths.search(c.id)}?q=eigen`);
      for (const query of [
        '',
        'q=',
        'q=%20%2B%3F',
        `q=${'a'.repeat(201)}`,
        'q=x&before=7',
        'q=x&limit=0',
        'q=x&limit=51',
      ])
        await wire.fails('invalid_request', 'GET', `${paths.search(c.id)}?${query}`, { token: ana!.token });
    });

    it('finds every word as a word prefix, any case, with its author, time and an excerpt', async () => {
      const c = await course({ students: 3 });
      const [ana, ben, cy] = c.students;
      const found = await send(c, ana!, 'How do I find the Eigenvalues of a 2x2 matrix?');
      await send(c, ben!, 'Eigenvalues are fun but this has no m-word');
      await send(c, cy!, 'A matrix is a grid of numbers');
      const { results, next_before } = await search(c, ben!, 'q=eigen%20MATRI');
      expect(next_before).to.equal(null);
      expect(results).to.have.length(1);
      const [result] = results;
      expect(result!.message).to.deep.equal(found);
      expect(result!.message.author.id).to.equal(ana!.id);
      const highlighted = result!.excerpt.highlights.map(({ start, end }) => result!.excerpt.text.slice(start, end));
      expect(highlighted).to.deep.equal(['Eigenvalues', 'matrix']);
      expect(ids((await search(c, ben!, 'q=igen')).results.map((r) => r.message))).to.deep.equal([]);
    });

    it('ranks answered questions first, then newest first, and pages through all of them once', async () => {
      const c = await course({ students: 5, sts: 1 });
      const [ana, ben, cy, dee, eve] = c.students;
      const [st] = c.sts;
      const question = await send(c, ana!, 'What is a determinant, really?', { is_question: true });
      const answer = await send(c, st!, 'The determinant scales volume.', { reply_to_id: question.id });
      const older = await send(c, ben!, 'determinant of a triangular matrix?');
      const open = await send(c, cy!, 'Is the determinant linear?', { is_question: true });
      const newer = await send(c, dee!, 'determinants again');
      const socket = await c.connect(ana!);
      socket.send({ type: 'mark_helpful', message_id: answer.id });
      await socket.next('message_updated', (f) => f.data.id === question.id && f.data.question_status === 'answered');
      const first = await search(c, eve!, 'q=determinant&limit=2');
      expect(first.results[0]!.message.id).to.equal(question.id);
      expect(first.results[0]!.message.question_status).to.equal('answered');
      const seen = [...first.results];
      for (let before = first.next_before; before !== null;) {
        const page = await search(c, eve!, `q=determinant&limit=2&before=${encodeURIComponent(before)}`);
        expect(page.results.length).to.be.within(1, 2);
        seen.push(...page.results);
        before = page.next_before;
      }
      expect(ids(seen.map((r) => r.message))).to.deep.equal(ids([question, newer, open, older, answer]));
    });

    it('never finds a message of another course', async () => {
      const [c, other] = await Promise.all([course({ students: 1 }), course({ students: 1 })]);
      await send(other, other.students[0]!, 'secret eigendecomposition notes');
      await send(c, c.students[0]!, 'plain words');
      expect((await search(c, c.students[0]!, 'q=eigendecomposition')).results).to.deep.equal([]);
    });

    it('never finds a message for whoever reported it, and still for others', async () => {
      const c = await course({ students: 3 });
      const [ana, ben, cy] = c.students;
      const message = await send(c, ana!, 'rude remark about pivots');
      await wire.ok(
        reportResponse,
        'POST',
        paths.report(c.id, message.id),
        {
          token: ben!.token,
          body: { reason: 'off_topic' },
        },
        201,
      );
      expect((await search(c, ben!, 'q=pivots')).results).to.deep.equal([]);
      expect(ids((await search(c, cy!, 'q=pivots')).results.map((r) => r.message))).to.deep.equal([message.id]);
    });
  });
}
