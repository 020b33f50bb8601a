// Fails when custom-elements.json is not what the analyzer makes of the current source, so the
// committed manifest (what IDEs and docs tools read) can never drift from the element's JSDoc.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
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
    ...['course-id', 'api-base', 'back-href', 'help-href', 'profile-href', 'st-profile-href'].filter(
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
  console.log('custom-elements.json is current and declares <course-chat>.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
