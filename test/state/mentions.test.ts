import { expect } from '@open-wc/testing';
import type { PresentUser } from '../../src/protocol/index.js';
import {
  mentionCandidates,
  mentionQueryAt,
  mentionSegments,
  participants,
  type StreamMessage,
} from '../../src/state/index.js';
import { storedMessage } from './helpers.js';

const person = (id: string, name: string, extra: Partial<PresentUser> = {}): PresentUser => ({
  id,
  name,
  avatar_url: null,
  is_student_teacher: false,
  available: false,
  ...extra,
});

const said = (author: PresentUser, content = 'hi'): StreamMessage => ({
  ...storedMessage({
    id: `m-${author.id}`,
    seq: 1,
    author: { id: author.id, name: author.name, avatar_url: null, is_student_teacher: author.is_student_teacher },
    content,
  }),
  delivery: 'sent',
});

describe('mentions', () => {
  const ana = person('u-ana', 'Ana Lima');
  const zoe = person('u-zoe', 'Zoë Adams');
  const anders = person('u-anders', 'Anders Berg', { is_student_teacher: true });
  const me = person('u-me', 'Andrea Me');

  it('finds the @word before the caret, and nothing elsewhere', () => {
    expect(mentionQueryAt('thanks @an', 10)).to.deep.equal({ query: 'an', start: 7 });
    expect(mentionQueryAt('@', 1)).to.deep.equal({ query: '', start: 0 });
    expect(mentionQueryAt('mail me@example', 15)).to.be.null;
    expect(mentionQueryAt('@ana and more', 13)).to.be.null;
  });

  it('offers people seen in the room whose name starts with the query, online first, never the writer', () => {
    const presence = [anders, me];
    const people = participants(presence, [said(ana), said(zoe)]);
    expect(mentionCandidates('an', people, presence, me.id).map((p) => p.id)).to.deep.equal([anders.id, ana.id]);
    expect(mentionCandidates('zo', people, presence, me.id).map((p) => p.id)).to.deep.equal([zoe.id]);
    expect(mentionCandidates('lim', people, presence, me.id).map((p) => p.id)).to.deep.equal([ana.id]);
    expect(mentionCandidates('', people, presence, me.id)).to.have.length(3);
  });

  it('splits text into plain runs and the @Name of each mentioned user', () => {
    const people = participants([ana, zoe], []);
    expect(mentionSegments('hey @Ana Lima and @Zoë Adams!', [ana.id, zoe.id], people)).to.deep.equal([
      { text: 'hey ' },
      { text: '@Ana Lima', mention: ana.id },
      { text: ' and ' },
      { text: '@Zoë Adams', mention: zoe.id },
      { text: '!' },
    ]);
    expect(mentionSegments('hey @Ana Lima', [], people)).to.deep.equal([{ text: 'hey @Ana Lima' }]);
  });
});
