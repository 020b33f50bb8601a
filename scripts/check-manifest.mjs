// Fails when custom-elements.json is not what the analyzer makes of the current source, so the
// committed manifest (what IDEs and docs tools read) can never drift from the element's JSDoc.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The TypeScript a published module is compiled from: dist/x/y.js from src/x/y.ts. */
const sourceOf = (path) => path.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
const exportsOf = (modules, path) =>
  new Set(modules.find((module) => module.path === path)?.exports?.map((entry) => entry.name));
const definitionsOf = (modules) =>
  modules.flatMap((module) => module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition');

// The analyzer takes --outdir relative to the working directory, so stay inside the project.
mkdirSync('node_modules/.cache', { recursive: true });
const outdir = mkdtempSync('node_modules/.cache/cem-check-');
try {
  execFileSync('npx', ['custom-elements-manifest', 'analyze', '--outdir', outdir], { stdio: 'pipe' });
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed))) {
    console.error('custom-elements.json is out of date: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  // What hosts' tools rely on: the element's tag, its attributes and its events.
  const declarations = JSON.parse(committed).modules.flatMap((module) => module.declarations ?? []);
  const element = declarations.find((declaration) => declaration.tagName === 'course-chat');
  const attributes = new Set(element?.attributes?.map((attribute) => attribute.name));
  const events = new Set(element?.events?.map((event) => event.name));
  const expected = [
    ...['course-id', 'api-base', 'back-href', 'help-href', 'profile-href', 'st-profile-href', 'theme'].filter(
      (name) => !attributes.has(name),
    ),
    ...[
      'course-chat-navigate',
      'course-chat-analytics',
      'course-chat-error',
      'course-chat-notification',
      'course-chat-unread',
    ].filter((name) => !events.has(name)),
  ];
  if (!element || expected.length > 0) {
    console.error(
      `custom-elements.json does not declare <course-chat> fully; missing: ${expected.join(', ') || 'the tag'}`,
    );
    process.exit(1);
  }
  // What tools generating JSX types or editor data read: the published modules, public members
  // only, typed events, and which module defines which tag.
  const modules = JSON.parse(committed).modules;
  const published = [
    ...modules
      .filter((module) => !/^dist\/.+\.js$/.test(module.path) || !existsSync(sourceOf(module.path)))
      .map((module) => `module ${module.path} is not a published dist/ module of src/`),
    ...declarations
      .flatMap((declaration) => (declaration.members ?? []).map((member) => [declaration.name, member]))
      .filter(([, member]) => member.privacy === 'private' || member.name.startsWith('#'))
      .map(([name, member]) => `${name}.${member.name} is private`),
    ...declarations
      .flatMap((declaration) => declaration.events ?? [])
      .filter((event) => !event.type?.text || !exportsOf(modules, 'dist/components/events.js').has(event.type.text))
      .map((event) => `${event.name} has no type exported by dist/components/events.js`),
    ...declarations
      .filter((declaration) => declaration.tagName)
      .filter(
        (declaration) =>
          !definitionsOf(modules).some(
            (entry) => entry.name === declaration.tagName && entry.declaration.name === declaration.name,
          ),
      )
      .map((declaration) => `<${declaration.tagName}> has no custom-element-definition export`),
  ];
  if (published.length > 0) {
    for (const problem of published) console.error(`custom-elements.json: ${problem}`);
    process.exit(1);
  }
  // The theming contract: every documented custom property styles something, every one the styles
  // name is documented and has its default on <course-chat> (its children inherit it), and the
  // parts documented are the parts there are.
  const source = (file) => readFileSync(join('src/components', file), 'utf8');
  const names = (text, pattern) => new Set([...text.matchAll(pattern)].map((match) => match[1]));
  const styles = readdirSync('src/components')
    .filter((file) => file.endsWith('.styles.ts'))
    .map(source)
    .join('\n');
  const referenced = names(styles, /var\((--course-chat-[\w-]+)/g);
  const defaults = names(source('course-chat.styles.ts'), /(--course-chat-[\w-]+):/g);
  const documented = new Set(element.cssProperties?.map((property) => property.name));
  // The stream and the header render into the room's shadow root: their parts are the room's.
  const parts = names(
    ['course-chat.ts', 'course-chat-stream.ts', 'room-header.ts'].map(source).join('\n'),
    /\bpart="([\w-]+)"/g,
  );
  const documentedParts = new Set(element.cssParts?.map((part) => part.name));
  const theming = [
    ...[...documented].filter((name) => !referenced.has(name)).map((name) => `${name} is documented but unused`),
    ...[...new Set([...referenced, ...defaults])]
      .filter((name) => !documented.has(name))
      .map((name) => `${name} is used but not documented (@cssprop)`),
    ...[...referenced].filter((name) => !defaults.has(name)).map((name) => `${name} has no default on :host`),
    ...[...documentedParts].filter((name) => !parts.has(name)).map((name) => `part ${name} is documented but absent`),
    ...[...parts]
      .filter((name) => !documentedParts.has(name))
      .map((name) => `part ${name} is not documented (@csspart)`),
  ];
  if (theming.length > 0) {
    for (const problem of theming) console.error(`<course-chat> theming: ${problem}`);
    process.exit(1);
  }
  console.log(
    `custom-elements.json is current and declares <course-chat>: ${documented.size} custom properties, ${parts.size} parts, ${element.events.length} typed events; ${definitionsOf(modules).length} definitions, ${modules.length} published modules.`,
  );
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
