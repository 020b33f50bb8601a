/**
 * What people say in a Linear Algebra course room: shared by the seeded history of the scenarios
 * and the live simulation, so the demo reads like one course.
 */

export interface Exchange {
  question: string;
  answers: readonly string[];
  thanks: string;
}

export const exchanges: readonly Exchange[] = [
  {
    // Math and code, as the rich text renders them (the first question of a busy room's history).
    question:
      'How do I check $\\det(A - \\lambda I) = 0$ for $A = \\begin{pmatrix} 2 & 1 \\\\ 1 & 2 \\end{pmatrix}$ by hand?',
    answers: [
      'Expand it: $\\det\\begin{pmatrix} 2-\\lambda & 1 \\\\ 1 & 2-\\lambda \\end{pmatrix} = (2-\\lambda)^2 - 1$, so $\\lambda = 1$ or $\\lambda = 3$.',
      'Or check it in code:\n```python\nimport numpy as np\n\nA = np.array([[2, 1],\n              [1, 2]])\nfor lam in np.linalg.eigvals(A):\n    print(lam, np.linalg.det(A - lam * np.eye(2)))\n```',
    ],
    thanks: 'Both ways give 1 and 3, thanks!',
  },
  {
    question: 'Why is the determinant zero exactly when the columns are linearly dependent?',
    answers: [
      'The determinant is the signed volume of the box the columns span. Dependent columns squash it flat, so the volume is 0.',
      'Also algebraically: a dependent column can be eliminated to a zero column, and a zero column gives det 0.',
    ],
    thanks: 'The volume picture makes it click, thanks!',
  },
  {
    question: 'In 3.2, do we need the basis to be orthonormal to use the projection formula?',
    answers: [
      'For the simple sum-of-projections formula, yes. With any basis you need P = A(AᵀA)⁻¹Aᵀ instead.',
      'Run Gram-Schmidt first if you want the simple version.',
    ],
    thanks: 'Got it, I was mixing up the two formulas.',
  },
  {
    question: 'How do I find the eigenvectors once I have the eigenvalues?',
    answers: [
      'For each λ solve (A − λI)x = 0: row-reduce A − λI and read the null space.',
      'There is always at least one free variable, otherwise λ was not an eigenvalue.',
    ],
    thanks: 'Row-reducing A − λI worked, thank you.',
  },
  {
    question: 'Is every symmetric matrix diagonalizable, even with repeated eigenvalues?',
    answers: [
      'Yes, that is the spectral theorem: real symmetric matrices are orthogonally diagonalizable, repeats included.',
    ],
    thanks: 'Great, so I can stop worrying about defective cases there.',
  },
  {
    question: 'What is the difference between the column space and the range?',
    answers: ['For a matrix they are the same thing: all vectors Ax. Different names from different books.'],
    thanks: 'Oh, that is reassuring.',
  },
  {
    question: 'Homework 4 problem 2: can rank(AB) be bigger than rank(A)?',
    answers: [
      'No: the columns of AB are combinations of the columns of A, so col(AB) sits inside col(A).',
      'So rank(AB) ≤ min(rank A, rank B).',
    ],
    thanks: 'That argument is so short, thanks!',
  },
  {
    question: 'Why does the least squares solution use AᵀA?',
    answers: ['The error b − Ax̂ must be orthogonal to the column space, i.e. Aᵀ(b − Ax̂) = 0, which gives AᵀAx̂ = Aᵀb.'],
    thanks: 'Orthogonal error, now I see where it comes from.',
  },
  {
    question: 'Does a 3×3 matrix with eigenvalues 1, 1, 2 have to be diagonalizable?',
    answers: ['Not necessarily: it depends on whether λ = 1 has two independent eigenvectors. Check dim null(A − I).'],
    thanks: 'Mine has only one, so it is not. Thanks!',
  },
  {
    question: 'How do I know if a set of vectors spans R³?',
    answers: ['Put them as columns and row-reduce: they span R³ exactly when there is a pivot in every row.'],
    thanks: 'Pivot in every row, noted.',
  },
  {
    question: 'Is the zero vector allowed to be an eigenvector?',
    answers: ['No, eigenvectors are nonzero by definition. Zero is allowed as an eigenvalue though.'],
    thanks: 'Ah, that was my mistake in the quiz.',
  },
  {
    question: 'Can someone explain what a change of basis matrix actually does?',
    answers: [
      'It converts coordinates: P takes the coordinates of a vector in basis B and gives its coordinates in the standard basis.',
      'And P⁻¹ goes the other way. Draw both bases and check with one vector.',
    ],
    thanks: 'Checking with one vector helped a lot.',
  },
  {
    question: 'Is the midterm going to cover chapter 5 or only up to 4.3?',
    answers: ['The syllabus says up to 4.3, chapter 5 is on the final.'],
    thanks: 'Thanks, that saves me an evening.',
  },
];

/** Messages that are not questions: the small talk of a course room. */
export const chatter: readonly string[] = [
  'Anyone else starting homework 4 tonight?',
  'The lecture on eigenvalues today was really good.',
  'Reminder: the problem session moved to room B12.',
  'I finally get why row operations do not change the null space.',
  'Does anyone want to form a study group for the midterm?',
  'The 3Blue1Brown videos on linear transformations are great for this chapter.',
  'Office hours are packed today, I will try tomorrow.',
  'Problem 5 took me way longer than it should have.',
  'Good luck on the quiz everyone!',
  'Thanks for the hint about Gram-Schmidt earlier.',
  'Is anyone else getting a different answer for 4.1 #7 than the book?',
  'I uploaded my notes from Monday to the course drive.',
  'The trick with the transpose in the proof is neat.',
  'Coffee before the 8am lecture is mandatory.',
  'Just realised I had the matrix multiplication order backwards all along.',
  'The practice exam is up on the course page.',
  'I would join the study group, Thursday works for me.',
  'Spectral theorem feels like magic.',
  'Finished the homework, see you all in lecture!',
  'Keep the questions coming, we are around tonight.',
];

/** Names for seeded and simulated people; the first ones are the people a scenario signs in. */
export const people = {
  students: [
    'Ana Souza',
    'Ben Carter',
    'Chloé Martin',
    'Dev Patel',
    'Emma Schmidt',
    'Farah Haddad',
    'Gus Olsen',
    'Hana Kim',
    'Ivan Petrov',
    'Jade Nguyen',
    'Kofi Mensah',
    'Lina Rossi',
  ],
  studentTeachers: ['Maria Lopez', 'Tom Becker', 'Yuki Tanaka'],
} as const;

const chatterTemplates: readonly string[] = [
  'Anyone else working on {topic} tonight?',
  'I finally understand {topic}.',
  'The lecture on {topic} was really good.',
  'Does anyone have good notes on {topic}?',
  'Spent an hour on {topic}, worth it.',
  'Study group on {topic} on Thursday, who is in?',
  'The textbook section on {topic} is much clearer than I expected.',
];

const topics: readonly string[] = [
  'eigenvalues',
  'the null space',
  'Gram-Schmidt',
  'determinants',
  'least squares',
  'change of basis',
  'orthogonal projections',
  'row reduction',
  'the spectral theorem',
  'linear transformations',
  'rank and nullity',
  'diagonalization',
];

/** One line of small talk; `pick` chooses from a list so callers stay deterministic. */
export function smallTalk(pick: <T>(items: readonly T[]) => T): string {
  if (pick([true, false, false])) return pick(chatter);
  return pick(chatterTemplates).replace('{topic}', pick(topics));
}
