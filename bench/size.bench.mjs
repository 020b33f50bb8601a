// The script-tag build as a host downloads it: the first download (dist/course-chat.js), each part
// loaded on first use (the chunks in dist/lazy/) and the whole, minified and compressed as a CDN
// would serve them (gzip -9, brotli at quality 11).
import {
  firstDownloadBudget,
  firstDownloadGoal,
  measureScriptTagBuild,
  wholeBudget,
  wholeGoal,
} from '../scripts/size-budget.mjs';
import { printTable } from './lib.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const { first, parts, whole } = measureScriptTagBuild(new URL('../dist/course-chat.js', import.meta.url).pathname);
const row = (name, size) => [name, size.minified, size.gzip, size.brotli, kb(size.gzip)];

printTable(
  'Bundle size: dist/course-chat.js and the parts it loads on first use (bytes)',
  ['part', 'minified', 'gzip -9', 'brotli 11', 'gzip KB'],
  [
    row('first download', first),
    ...parts.map((part) => row(`  on first use: ${part.name}`, part)),
    row('whole', whole),
  ],
);
console.log(
  `\nFirst download: ${kb(first.gzip)} gzip; budget ${kb(firstDownloadBudget)}, goal ${kb(firstDownloadGoal)}` +
    ` (${first.gzip > firstDownloadGoal ? `${kb(first.gzip - firstDownloadGoal)} over` : 'met'}).` +
    ` Whole: ${kb(whole.gzip)} gzip; budget ${kb(wholeBudget)}, goal ${kb(wholeGoal)}` +
    ` (${whole.gzip > wholeGoal ? `${kb(whole.gzip - wholeGoal)} over` : 'met'}).`,
);
