// Builds the package and checks what a host would get: the script-tag module's first download and
// the whole within their size budgets (printed, so the figures are in every CI log), the files `npm pack` would publish, source
// maps that carry their sources, the manifest's modules, and publint and attw (the types every
// entry resolves to, under each of TypeScript's module resolutions) without a complaint.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  firstDownloadBudget,
  firstDownloadGoal,
  measureScriptTagBuild,
  wholeBudget,
  wholeGoal,
} from './size-budget.mjs';

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

const { first, parts, whole } = measureScriptTagBuild();
console.log(
  `dist/course-chat.js, first download: ${first.minified} B minified, ${first.gzip} B gzip ` +
    `(budget ${firstDownloadBudget} B; goal ${firstDownloadGoal} B, ` +
    `${first.gzip > firstDownloadGoal ? `${first.gzip - firstDownloadGoal} B to go` : 'met'})`,
);
for (const part of parts) console.log(`  on first use, ${part.name}: ${part.gzip} B gzip`);
console.log(
  `  the whole: ${whole.gzip} B gzip (budget ${wholeBudget} B; goal ${wholeGoal} B, ` +
    `${whole.gzip > wholeGoal ? `${whole.gzip - wholeGoal} B to go` : 'met'})`,
);

const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { encoding: 'utf8' }));
const files = new Set(pack.files.map((file) => file.path));
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
const required = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/define.js',
  'dist/define.d.ts',
  'dist/course-chat.js',
  'dist/course-chat.d.ts',
  'dist/react.d.ts',
  'dist/mock/index.js',
  'dist/mock/node.js',
  'dist/course-chat-mock.js',
  'dist/course-chat-mock.d.ts',
  'dist/mockServiceWorker.js',
  'custom-elements.json',
  'README.md',
  'CHANGELOG.md',
  'docs/protocol.md',
  'LICENSE',
  'package.json',
  ...manifest.modules.map((module) => module.path),
];
const missing = required.filter((file) => !files.has(file));
const stray = [...files].filter((file) => /^(src|test|demo|server|scripts)\//.test(file));
/** A map whose sources are not inlined leads a debugger to files the package does not have. */
const sourceless = [...files]
  .filter((file) => file.endsWith('.map'))
  .filter((file) => {
    const map = JSON.parse(readFileSync(file, 'utf8'));
    return map.sources.some((_, index) => typeof map.sourcesContent?.[index] !== 'string');
  });
const unnamed = ['repository', 'homepage', 'bugs', 'keywords'].filter((field) => !packageJson[field]);

const problems = [
  ...(first.gzip > firstDownloadBudget
    ? [`the script-tag module's first download is ${first.gzip} B gzip, over the ${firstDownloadBudget} B budget`]
    : []),
  ...(whole.gzip > wholeBudget
    ? [`the script-tag build is ${whole.gzip} B gzip, over the ${wholeBudget} B budget`]
    : []),
  // What the first paint does without comes as one file (rollup.config.mjs): a chunk apart costs a
  // request and a gzip header, and holds what no module needed at first paint.
  ...(whole.files.length > first.files.length + 1
    ? [`the script-tag build's later parts are ${whole.files.length - first.files.length} files, not one`]
    : []),
  ...missing.map((file) => `npm pack would leave out ${file}`),
  ...stray.map((file) => `npm pack would publish ${file}`),
  ...sourceless.map((file) => `${file} lacks the text of its sources (sourcesContent)`),
  ...unnamed.map((field) => `package.json has no ${field}`),
];
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`npm pack: ${files.size} files, all entry points present, every source map with its sources.`);

// Both pack the package themselves and exit non-zero on a problem. The package is ESM only, which
// Node 22.12 and newer `require` too, so attw lets `require` resolve to ESM; node10 resolution
// (older TypeScript set-ups) is checked with the rest.
execFileSync('npx', ['publint', '--strict'], { stdio: 'inherit' });
execFileSync('npx', ['attw', '--pack', '.', '--ignore-rules', 'cjs-resolves-to-esm', '--no-emoji'], {
  stdio: 'inherit',
});
