-- Local development data for `npm run start:server`: one busy course and one quiet one, with the
-- people the demo signs in as. Idempotent, so it can be applied to an existing local database.

INSERT INTO courses (id, title) VALUES
  ('linalg-101', 'Linear Algebra'),
  ('calc-102', 'Calculus II')
ON CONFLICT (id) DO NOTHING;

INSERT INTO users (id, name, avatar_url) VALUES
  ('u-ana', 'Ana Lima', NULL),
  ('u-ben', 'Ben Okafor', NULL),
  ('u-cleo', 'Cleo Martin', NULL),
  ('st-chen', 'Chen Wei', NULL),
  ('st-dana', 'Dana Kowalski', NULL),
  ('u-omar', 'Omar Haddad', NULL),
  ('u-maya', 'Maya Rossi', NULL)
ON CONFLICT (id) DO NOTHING;

INSERT INTO enrollments (course_id, user_id) VALUES
  ('linalg-101', 'u-ana'),
  ('linalg-101', 'u-ben'),
  ('linalg-101', 'u-cleo'),
  ('calc-102', 'u-ana'),
  ('calc-102', 'u-ben')
ON CONFLICT DO NOTHING;

-- Omar is enrolled nowhere: signing in as him shows the "not enrolled" state.
INSERT INTO student_teachers (course_id, user_id) VALUES
  ('linalg-101', 'st-chen'),
  ('linalg-101', 'st-dana'),
  ('calc-102', 'st-chen')
ON CONFLICT DO NOTHING;

INSERT INTO user_goodwill (user_id, balance) VALUES
  ('u-ana', 40),
  ('u-ben', 8),
  ('u-cleo', 25),
  ('st-chen', 120),
  ('st-dana', 60),
  ('u-omar', 10),
  ('u-maya', 0)
ON CONFLICT (user_id) DO NOTHING;

-- Maya is course staff who moderates Linear Algebra: the Reported queue, Hide, Restore and Mute.
INSERT INTO course_moderators (course_id, user_id) VALUES
  ('linalg-101', 'u-maya')
ON CONFLICT DO NOTHING;

INSERT INTO chat_messages (id, course_id, seq, client_id, author_id, content, is_question, question_status,
                           reply_to_id, mentions, helpful_points, created_at) VALUES
  ('seed-1', 'linalg-101', 1, '6f1c2a9e-0001-4000-8000-000000000001', 'u-ben',
   'Hi all! Is anyone else working on problem set 4 tonight?', 0, NULL, NULL, '[]', 0, '2026-11-20T18:02:00.000Z'),
  ('seed-2', 'linalg-101', 2, '6f1c2a9e-0002-4000-8000-000000000002', 'u-cleo',
   'Why is the determinant zero exactly when the columns are linearly dependent?', 1, 'answered', NULL, '[]', 0,
   '2026-11-20T18:05:00.000Z'),
  ('seed-3', 'linalg-101', 3, '6f1c2a9e-0003-4000-8000-000000000003', 'st-chen',
   'The determinant is the signed volume of the box the columns span. Dependent columns squash it flat, so the volume is 0.',
   0, NULL, 'seed-2', '[]', 5, '2026-11-20T18:07:00.000Z'),
  ('seed-4', 'linalg-101', 4, '6f1c2a9e-0004-4000-8000-000000000004', 'u-ben',
   'How do I find the eigenvectors once I have the eigenvalues?', 1, 'open', NULL, '[]', 0,
   '2026-11-21T09:40:00.000Z')
ON CONFLICT (id) DO NOTHING;

INSERT INTO goodwill_transactions (id, from_user_id, to_user_id, points, reason, reference_id, created_at) VALUES
  ('seed-award-1', 'u-cleo', 'st-chen', 5, 'chat_help', 'seed-3', '2026-11-20T18:09:00.000Z')
ON CONFLICT DO NOTHING;
