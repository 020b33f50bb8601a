// Builds the package and checks what a host would get: the script-tag module within its size
// budget (printed, so the figure is in every CI log) and the files `npm pack` would publish.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { budget } from './size-budget.mjs';

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

const bundle = readFileSync('dist/course-chat.js');
const gzipped = gzipSync(bundle, { level: 9 }).length;
console.log(`dist/course-chat.js: ${bundle.length} B minified, ${gzipped} B gzip (budget ${budget} B)`);

const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { encoding: 'utf8' }));
const files = new Set(pack.files.map((file) => file.path));
const required = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/define.js',
  'dist/course-chat.js',
  'dist/mock/index.js',
  'custom-elements.json',
  'README.md',
  'LICENSE',
  'package.json',
];
const missing = required.filter((file) => !files.has(file));
const stray = [...files].filter((file) => /^(src|test|demo|server|scripts)\//.test(file));

const problems = [
  ...(gzipped > budget ? [`the script-tag module is ${gzipped} B gzip, over the ${budget} B budget`] : []),
  ...missing.map((file) => `npm pack would leave out ${file}`),
  ...stray.map((file) => `npm pack would publish ${file}`),
];
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`npm pack: ${files.size} files, all entry points present.`);
