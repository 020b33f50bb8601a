import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/protocol/index.js';
import { similarQuestions } from '../../src/state/index.js';

let seq = 0;
function message(content: string, is_question = true): ChatMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    seq,
    course_id: 'c',
    client_id: crypto.randomUUID(),
    author: { id: 'u', name: 'U', avatar_url: null, is_student_teacher: false },
    content,
    is_question,
    question_status: is_question ? 'open' : null,
    reply_to_id: null,
    mentions: [],
    helpful_points: 0,
    created_at: '2026-11-24T10:00:00.000Z',
  };
}

describe('similar questions', () => {
  const history = [
    message('How do I compute the determinant of a 3x3 matrix?'),
    message('What is the determinant of a 3x3 matrix used for?'),
    message('When is a matrix diagonalizable?'),
    message('Computing determinants of 3x3 matrices is fun', false),
    message('Does the exam cover eigenvalues?'),
  ];

  it('finds earlier questions about the same thing, most alike first, at most three', () => {
    const found = similarQuestions('how to compute a determinant for 3x3 matrices', history);
    expect(found.map((m) => m.content)).to.deep.equal([
      'How do I compute the determinant of a 3x3 matrix?',
      'What is the determinant of a 3x3 matrix used for?',
    ]);
  });

  it('ignores messages that are not questions and drafts too short to judge', () => {
    expect(similarQuestions('determinants', history)).to.deep.equal([]);
    expect(similarQuestions('computing determinants matrices fun', history).every((m) => m.is_question)).to.be.true;
  });

  it('finds nothing for an unrelated question', () => {
    expect(similarQuestions('Where is the lecture hall for tomorrow?', history)).to.deep.equal([]);
  });
});
