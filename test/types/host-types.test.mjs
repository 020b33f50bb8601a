// The package's types as a TypeScript host meets them: the packed tarball is installed into a fresh
// host (test/types/host/) and strict `tsc` checks the host's files under both module resolutions a
// host may use. Their `@ts-expect-error` lines must each be an error, so loose types fail too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const tsc = resolve('node_modules/typescript/bin/tsc');
let host;

before(() => {
  // Inside the project, so that the host finds the package's dependencies (lit, msw, React's types)
  // in the project's node_modules as an installed package would; course-chat itself is the tarball.
  mkdirSync('node_modules/.cache', { recursive: true });
  host = resolve(mkdtempSync('node_modules/.cache/types-host-'));
  cpSync('test/types/host', host, { recursive: true });
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', host], { encoding: 'utf8' }),
  );
  const installed = join(host, 'node_modules/course-chat');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(host, pack.filename), '-C', installed, '--strip-components=1']);
});

after(() => rmSync(host, { recursive: true, force: true }));

describe('types of the packed package in a strict TypeScript host', () => {
  it('installs the package itself, not the project’s sources', () => {
    assert.deepEqual(readdirSync(join(host, 'node_modules/course-chat')).sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'custom-elements.json',
      'dist',
      'docs',
      'package.json',
    ]);
  });

  const projects = [
    ['the README’s quick start alone (only course-chat/define imported)', 'quick-start'],
    ['every entry: the package, define, the script-tag builds, the mocks and React’s JSX', ''],
  ];
  for (const resolution of ['bundler', 'node16']) {
    for (const [what, project] of projects) {
      it(`types ${what} under moduleResolution ${resolution}`, () => {
        const config = join(host, `tsconfig.${project ? `${project}.` : ''}${resolution}.json`);
        try {
          execFileSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
        } catch (error) {
          assert.fail(`tsc found errors in the host (${config}):\n${error.stdout}`);
        }
      });
    }
  }
});
