// How the script-tag build is measured: the first download is the module and what it imports
// statically; each part loaded on use is a chunk it (or another part) imports dynamically.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { measureScriptTagBuild, sizesOf } from '../../scripts/size-budget.mjs';

describe('size of the script-tag build', () => {
  const dist = mkdtempSync(join(tmpdir(), 'course-chat-size-'));
  after(() => rmSync(dist, { recursive: true, force: true }));
  mkdirSync(join(dist, 'lazy'));
  const files = {
    'course-chat.js': 'import{a as b}from"./lazy/shared-AbCdEfGh.js";const q=()=>import("./lazy/queue-B1c2D3e4.js");',
    'lazy/shared-AbCdEfGh.js': 'export const a=1;',
    'lazy/queue-B1c2D3e4.js': 'import{b}from"../course-chat.js";const r=()=>import("./render-Zz_-9xYw.js");',
    'lazy/render-Zz_-9xYw.js': 'export const r="a renderer";',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  const { first, parts, whole } = measureScriptTagBuild(join(dist, 'course-chat.js'));

  it('counts the module and its static imports as the first download', () => {
    assert.deepEqual(first.files, [join(dist, 'course-chat.js'), join(dist, 'lazy/shared-AbCdEfGh.js')]);
    const bytes = Buffer.from(files['course-chat.js'] + files['lazy/shared-AbCdEfGh.js']);
    assert.deepEqual(
      { ...first, name: undefined, files: undefined },
      { ...sizesOf(bytes), name: undefined, files: undefined },
    );
  });

  it('names each part loaded on use after its module, parts loaded by parts included', () => {
    assert.deepEqual(
      parts.map((part) => part.name),
      ['queue', 'render'],
    );
  });

  it('counts every file once in the whole', () => {
    assert.equal(whole.files.length, 4);
    assert.equal(whole.minified, Object.values(files).join('').length);
  });
});
