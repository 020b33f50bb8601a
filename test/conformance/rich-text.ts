/**
 * The XSS corpus through a backend's history (issue #20): each payload is stored as a message,
 * comes back byte for byte, and renders inert in `<course-chat-message>`. A backend stores text,
 * never markup; the element is what keeps it inert, whichever backend it reads.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { liveRoom } from '../../src/components/lazy.js';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import { historyResponse, messageResponse, paths } from '../../src/protocol/index.js';
import { expectInert, xssCalls, xssCorpus } from '../components/rich-text/xss.js';
import type { ConformanceTarget } from './suite.js';
import { courseFactory, messageBody, Wire } from './wire.js';

export function richTextSuite(target: ConformanceTarget): void {
  describe(`protocol conformance, hostile Markdown in history: ${target.name}`, function () {
    this.timeout(60_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);
    // Message rows arrive with the live room, after the first paint.
    before(() => liveRoom.load());

    it(`stores all ${xssCorpus.length} payloads as sent, and they render inert from history`, async () => {
      // One author per payload, so the send interval does not pace them.
      const c = await course({ students: xssCorpus.length });
      await Promise.all(
        xssCorpus.map(async (payload, index) => {
          const reply = await wire.post(c, c.students[index]!, messageBody(payload));
          expect(reply.status, JSON.stringify(reply.json)).to.equal(201);
          messageResponse.parse(reply.json);
        }),
      );
      const { messages } = await wire.ok(historyResponse, 'GET', `${paths.messages(c.id)}?limit=200`, {
        token: c.students[0]!.token,
      });
      expect(messages.map((m) => m.content).sort()).to.deep.equal([...xssCorpus].sort());
      for (const message of messages) {
        const row = await fixture<CourseChatMessage>(
          html`<course-chat-message .message=${{ ...message, delivery: 'sent' as const }}></course-chat-message>`,
        );
        await waitUntil(() => row.shadowRoot!.querySelector('.rich'), `${message.content} never rendered rich`);
        expectInert(row);
      }
      expect(xssCalls()).to.equal(0);
    });
  });
}
