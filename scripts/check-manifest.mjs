// Fails when custom-elements.json is not what the analyzer makes of the current source, so the
// committed manifest (what IDEs and docs tools read) can never drift from the element's JSDoc.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
  const parts = names(source('course-chat.ts'), /\bpart="([\w-]+)"/g);
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
    `custom-elements.json is current and declares <course-chat>: ${documented.size} custom properties, ${parts.size} parts.`,
  );
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
