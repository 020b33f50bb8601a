// What a host downloads of the script-tag build: the first download (dist/course-chat.js and
// any chunk it imports statically) and the parts loaded on first use (the chunks in dist/lazy/
// it imports dynamically), each minified and compressed as a CDN would serve it (gzip -9, brotli
// at quality 11). `course-chat/define` in a bundler splits the same way: it is the same modules.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The goal of issue #19: the first download at most 28 KB gzip. Met since the live room (stream,
 * rows, composer) arrives as the room connects: 24.5 KB at a8e22ad.
 */
export const firstDownloadGoal = 28 * 1024;

/**
 * What `npm test` enforces for the first download: 36 KB before the split of #19, 34 KB after it,
 * 25 KB, and now the lowest whole KB it meets, under the goal (23,160 B at f331182). It only ever
 * comes down.
 */
export const firstDownloadBudget = 23 * 1024;

/**
 * The whole: the first download and every part loaded on use, the rich-text renderer (#20) among
 * them. Its goal is 48 KB. Moderation and the message menu (#17, #16) took it to 52.5 KB and its
 * budget was raised to 52 KB with them, which #19 does not allow; the budget has since come down
 * with every cut and stands at the lowest whole KB the build meets: 50,081 B at f331182 (Lit's
 * decorators compiled away, smaller stores, panels, schemas and styles). It only ever comes down,
 * and `wholeGoal` is printed beside it with its distance until it is met.
 */
export const wholeBudget = 49 * 1024;

/** #19's goal for the whole, printed with its distance so the way there stays in view. */
export const wholeGoal = 48 * 1024;

/** `bytes` as served: its length, gzip -9 and brotli 11. */
export function sizesOf(bytes) {
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const staticImport = /(?:^|[;}])import\s*(?:[\w$*{}\s,]*from\s*)?["'](\.[^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["'](\.[^"']+)["']\s*\)/g;

/**
 * Measures the script-tag build from `entry`: the files of the first download, and each part
 * loaded on use (named after its module, without the hash) with the files it adds.
 */
export function measureScriptTagBuild(entry = 'dist/course-chat.js') {
  const read = (file) => readFileSync(file);
  const imports = (file, pattern) =>
    [...read(file).toString('utf8').matchAll(pattern)].map((match) => join(dirname(file), match[1]));
  /** `file` and everything it imports statically, not counting `seen`. */
  const closure = (file, seen) => {
    if (seen.has(file)) return [];
    seen.add(file);
    return [file, ...imports(file, staticImport).flatMap((next) => closure(next, seen))];
  };
  const loaded = new Set();
  const firstFiles = closure(entry, loaded);
  const total = (files) => sizesOf(Buffer.concat(files.map(read)));
  const first = { name: 'first download', files: firstFiles, ...total(firstFiles) };
  const parts = [];
  const queue = firstFiles.flatMap((file) => imports(file, dynamicImport));
  while (queue.length > 0) {
    const chunk = queue.shift();
    if (loaded.has(chunk)) continue;
    const files = closure(chunk, loaded);
    const name = chunk.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '');
    parts.push({ name, files, ...total(files) });
    queue.push(...files.flatMap((file) => imports(file, dynamicImport)));
  }
  const everything = [...firstFiles, ...parts.flatMap((part) => part.files)];
  // Each file compressed on its own, as each is its own request.
  const whole = everything
    .map((file) => sizesOf(read(file)))
    .reduce((sum, size) => ({
      minified: sum.minified + size.minified,
      gzip: sum.gzip + size.gzip,
      brotli: sum.brotli + size.brotli,
    }));
  return { first, parts, whole: { name: 'whole', files: everything, ...whole } };
}
