// `npm run bench`: builds the package, then runs every bench/*.bench.mjs in turn, each in its own
// process and printing its own figures. `npm run bench -- stream size` runs only the benchmarks
// whose file names contain one of the words.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const words = process.argv.slice(2);
const benches = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
  .filter((file) => file.endsWith('.bench.mjs') && (words.length === 0 || words.some((word) => file.includes(word))))
  .sort();
if (benches.length === 0) throw new Error(`No bench/*.bench.mjs matches ${words.join(', ')}`);

// The size and the stream benchmarks measure the script-tag build, so it must be current.
execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });

const failed = benches.filter((file) => {
  console.log(`\n# ${file}`);
  return spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' }).status;
});
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
