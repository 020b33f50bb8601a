// custom-elements.json describes the published package: what hosts' tools (editors, JSX and docs
// generators) read. The analyzer reads src/; these plugins make its output speak of dist/.
import { resolveModuleOrPackageSpecifier } from '@custom-elements-manifest/analyzer/src/utils/index.js';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * Keeps what a host can use: members that are neither `#private` nor TypeScript `private`, and the
 * events declared with `@fires` (the analyzer also guesses an event from every
 * `dispatchEvent(new SomeEvent(arg))`, taking the constructor's first argument for its name, which
 * for our typed Event classes is not the event name).
 */
function publicApiOnly() {
  return {
    name: 'course-chat-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        declaration.events &&= declaration.events.filter((event) => event.name?.startsWith('course-chat-'));
        declaration.members &&= declaration.members.filter(
          (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
        );
      }
    },
  };
}

/**
 * Types each event with its Event class: `course-chat-navigate` is a `CourseChatNavigateEvent`,
 * exported by the events module. An event without its class stops the analysis, so a new event
 * cannot reach hosts' tools untyped.
 */
function typedEvents() {
  const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
  return {
    name: 'course-chat-typed-events',
    packageLinkPhase({ customElementsManifest }) {
      const events = customElementsManifest.modules.find((module) => module.path === 'src/components/events.ts');
      const exported = new Set(events?.exports?.map((entry) => entry.name));
      for (const declaration of declarationsOf(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          const type = `${pascal(event.name)}Event`;
          if (!exported.has(type)) throw new Error(`${event.name}: src/components/events.ts exports no ${type}`);
          event.type = { text: type, references: [{ name: type, module: events.path }] };
        }
      }
    },
  };
}

/**
 * define.ts registers `<course-chat>` with `defineOnce('tag', Class)`, which the analyzer does not
 * read as a `customElements.define` call: it becomes a definition export, and the analyzer's reading
 * of `customElements.define(tag, element)` inside `defineOnce` is dropped.
 */
function definitionsFromDefine() {
  const customElementName = /^[a-z][a-z0-9]*-[a-z0-9-]*$/;
  return {
    name: 'course-chat-definitions-from-define',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter(
          (entry) => entry.kind !== 'custom-element-definition' || customElementName.test(entry.name),
        );
      }
    },
    analyzePhase({ ts, node, moduleDoc, context }) {
      lazyDefinition(ts, node, moduleDoc);
      laterDefinitions(ts, node, moduleDoc);
      if (moduleDoc.path !== 'src/define.ts' || !ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'defineOnce') return;
      const [tag, element] = node.arguments;
      if (node.arguments.length !== 2 || !ts.isStringLiteral(tag) || !tag.text.includes('-')) return;
      if (!ts.isIdentifier(element)) return;
      const declaration = { name: element.text, ...resolveModuleOrPackageSpecifier(moduleDoc, context, element.text) };
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration },
      ];
    },
  };
}

/**
 * An element loaded on first use is registered by `lazyElement('tag', () => import('./x.js')
 * .then((module) => module.X))` in src/components/lazy.ts: that too is a definition, of X in x.js.
 */
function lazyDefinition(ts, node, moduleDoc) {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'lazyElement') return;
  const [tag, importer] = node.arguments;
  if (!tag || !ts.isStringLiteral(tag) || !importer) return;
  const found = /import\(\s*'([^']+)'\s*\)[\s\S]*?\.(\w+)\s*,?\s*\)\s*,?\s*$/.exec(importer.getText());
  if (!found) throw new Error(`${moduleDoc.path}: lazyElement('${tag.text}') imports no class the manifest can name`);
  const [, specifier, name] = found;
  const module = posix.join(posix.dirname(moduleDoc.path), specifier);
  moduleDoc.exports = [
    ...(moduleDoc.exports ?? []),
    { kind: 'custom-element-definition', name: tag.text, declaration: { name, module } },
  ];
}

/**
 * The elements of the after-first-paint chunk are defined from one table in src/components/lazy.ts,
 * `laterElements = { 'tag': 'ClassName' }`, as the chunk arrives: each is a definition of the class
 * in the module after-first-paint.ts re-exports it from.
 */
function laterDefinitions(ts, node, moduleDoc) {
  if (!ts.isVariableDeclaration(node) || node.name.getText() !== 'laterElements') return;
  const table =
    node.initializer && ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
  if (!table || !ts.isObjectLiteralExpression(table)) throw new Error(`${moduleDoc.path}: laterElements is no table`);
  const chunk = posix.join(posix.dirname(moduleDoc.path), 'after-first-paint.ts');
  const reexports = new Map(
    [...readFileSync(chunk, 'utf8').matchAll(/export \{ (\w+) \} from '([^']+)'/g)].map(([, name, specifier]) => [
      name,
      posix.join(posix.dirname(chunk), specifier),
    ]),
  );
  const definitions = table.properties.map((property) => {
    const [tag, name] = [property.name, property.initializer].map((part) => part?.text);
    const module = reexports.get(name);
    if (!tag || !module)
      throw new Error(`${moduleDoc.path}: laterElements names ${name}, which ${chunk} does not export`);
    return { kind: 'custom-element-definition', name: tag, declaration: { name, module } };
  });
  moduleDoc.exports = [...(moduleDoc.exports ?? []), ...definitions];
}

/** `export type` names no JavaScript, so it is no export of the module in the manifest. */
function typeOnlyExportsDropped() {
  const typeOnly = new Set();
  return {
    name: 'course-chat-type-only-exports-dropped',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isExportDeclaration(node) || !node.isTypeOnly) return;
      const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      for (const name of names?.map((element) => element.name.text) ?? ['*']) typeOnly.add(`${moduleDoc.path} ${name}`);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter((entry) => !typeOnly.has(`${module.path} ${entry.name}`));
      }
    },
  };
}

/**
 * `import { X } from './x.js'; export { X };` exports the declaration of x.js, where tools look for
 * it; the analyzer points such an export at the re-exporting module.
 */
function reexportsResolved() {
  const resolved = new Map();
  return {
    name: 'course-chat-reexports-resolved',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isExportDeclaration(node) || node.isTypeOnly || node.moduleSpecifier) return;
      if (!node.exportClause || !ts.isNamedExports(node.exportClause)) return;
      for (const element of node.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        const declaration = { name: local, ...resolveModuleOrPackageSpecifier(moduleDoc, context, local) };
        resolved.set(`${moduleDoc.path} ${element.name.text}`, declaration);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const entry of module.exports ?? []) {
          const declaration = entry.kind === 'js' && resolved.get(`${module.path} ${entry.name}`);
          if (declaration) entry.declaration = declaration;
        }
      }
    },
  };
}

/** Module paths name the published JavaScript (`dist/components/course-chat.js`), not src/. */
function publishedPaths() {
  const published = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string') value[key] = published(inner);
      else rewrite(inner);
    }
  };
  return {
    name: 'course-chat-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      rewrite(customElementsManifest.modules);
    },
  };
}

function declarationsOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []);
}

// The analyzer brings its own TypeScript (5.4), independent of the project's compiler.
export default {
  globs: ['src/components/**/*.ts', 'src/define.ts'],
  exclude: [
    'src/components/**/*.styles.ts',
    'src/components/*-controller.ts',
    'src/components/avatar.ts',
    'src/components/format.ts',
  ],
  outdir: '.',
  litelement: true,
  dev: false,
  // Never rewrite package.json's customElements field (the freshness check analyzes into a temp dir).
  packagejson: false,
  // Paths last: the other plugins find modules by their source path.
  plugins: [
    publicApiOnly(),
    typedEvents(),
    definitionsFromDefine(),
    typeOnlyExportsDropped(),
    reexportsResolved(),
    publishedPaths(),
  ],
};
