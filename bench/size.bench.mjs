// The script-tag build, dist/course-chat.js, with lit and nanostores inside: its size
// minified, and compressed as a CDN would serve it (gzip -9, brotli at quality 11).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { budget } from '../scripts/size-budget.mjs';
import { printTable } from './lib.mjs';

const bundle = readFileSync(new URL('../dist/course-chat.js', import.meta.url));
const gzip = gzipSync(bundle, { level: 9 }).length;
const brotli = brotliCompressSync(bundle, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bundle.length },
}).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

printTable(
  'Bundle size: dist/course-chat.js',
  ['form', 'bytes', 'KB'],
  [
    ['minified', bundle.length, kb(bundle.length)],
    ['gzip -9', gzip, kb(gzip)],
    ['brotli 11', brotli, kb(brotli)],
    ['gzip budget', budget, `${kb(budget)} (${kb(budget - gzip)} left)`],
  ],
);
