// The script-tag builds: self-contained, minified ES modules for hosts without a bundler
// (`<script type="module" src=".../course-chat.js">`). The npm build with bare imports is tsc's
// output in dist/; these bundle its entries with every dependency. dist/course-chat.js registers
// the element; dist/course-chat-mock.js is the mock backend with msw, beside msw's worker script.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { minifyCssTemplates, minifyHtmlTemplates } from './scripts/minify-css-templates.mjs';

/**
 * Reads tsc's source map beside each compiled module of dist/, so the bundle's map leads back to
 * the TypeScript (whose text tsc inlined: src/ is not published) rather than to tsc's output.
 */
function tscSourceMaps() {
  return {
    name: 'course-chat-tsc-source-maps',
    load(id) {
      if (!id.includes('/dist/') || !existsSync(`${id}.map`)) return null;
      return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') };
    },
  };
}

/**
 * Some dependencies' own maps lead on to their TypeScript without its text (tldts, inside msw):
 * inline it from node_modules, where it ships, so the published map does not point into a void.
 */
function sourcesInlined() {
  return {
    name: 'course-chat-sources-inlined',
    generateBundle(options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.map')) continue;
        const map = JSON.parse(String(asset.source));
        const folder = dirname(resolve(options.dir ?? dirname(options.file), asset.fileName));
        map.sourcesContent = map.sources.map(
          (source, index) => map.sourcesContent?.[index] ?? readFileSync(resolve(folder, source), 'utf8'),
        );
        asset.source = JSON.stringify(map);
      }
    },
  };
}

/** The bundle's types: those of the tsc module it bundles (`entry`, relative to dist/). */
function typesOf(entry) {
  return {
    name: 'course-chat-bundle-types',
    generateBundle(options, bundle) {
      const main = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      const fileName = main.fileName.replace(/\.js$/, '.d.ts');
      this.emitFile({ type: 'asset', fileName, source: `export * from './${entry}';\n` });
    },
  };
}

/** msw's service worker script, which must match the msw inside the bundle, for the host to serve. */
function mswWorkerScript() {
  const require = createRequire(import.meta.url);
  return {
    name: 'course-chat-msw-worker',
    generateBundle() {
      const source = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source });
    },
  };
}

/**
 * Every module the first download does without goes into one chunk, `after-first-paint`: one file
 * compresses better than several (one dictionary, one header), and the room asks for each part as
 * it connects or soon after. Modules the entry imports statically stay in the entry: so the
 * client's modules import from the module that defines a binding, not through an index, whose
 * re-exports would count every module behind it as first download (and leave them a chunk apart).
 */
function laterInOneChunk() {
  let firstDownload;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!firstDownload) {
      firstDownload = new Set();
      const visit = (module) => {
        if (firstDownload.has(module)) return;
        firstDownload.add(module);
        getModuleInfo(module).importedIds.forEach(visit);
      };
      [...getModuleIds()].filter((module) => getModuleInfo(module).isEntry).forEach(visit);
    }
    return firstDownload.has(id) ? undefined : 'after-first-paint';
  };
}

/**
 * What partysocket says that a browser never needs: its debug lines print only with its `debug`
 * option, which the room never sets, and its console.error advice is for Node without a global
 * WebSocket or EventTarget, which no browser lacks (Node resolves the package's define.js, not the
 * script-tag build). The element's build drops these calls.
 */
const partysocketNotes = ['this._debug', 'console.error'];

/**
 * `file` is the module a host loads, in dist/. What it loads on first use (a dynamic `import()`)
 * becomes a chunk in dist/lazy/, which the module imports by a relative URL: it is found beside
 * the module wherever that is served from, a CDN path included.
 */
const bundle = (input, file, extra = [], manualChunks = undefined, pureCalls = []) => ({
  input,
  // A schema no module of the build uses (the frames the client only sends, say) need not ship: its
  // builders are marked side-effect free where src/protocol/schema.ts declares them. Not by name
  // (treeshake.manualPureFunctions): that matches every call through a variable of that name, and
  // nanostores' own `object.events[…].push(…)` went, so computed stores never followed their inputs.

  // Chunks import what they share with the module from the module itself, rather than the module
  // being a facade over one more file that holds it all.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    entryFileNames: file.replace(/^dist\//, ''),
    chunkFileNames: 'lazy/[name]-[hash].js',
    manualChunks,
    // What the later chunk shares with the entry stays in the entry, rather than being pulled in.
    onlyExplicitManualChunks: true,
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    tscSourceMaps(),
    // nanostores and msw keep their development checks behind NODE_ENV, as bundlers expect.
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true }),
    minifyCssTemplates(),
    minifyHtmlTemplates(),
    // A second pass finds what the first one's inlining made dead or foldable.
    terser({ ecma: 2022, module: true, compress: { passes: 2, pure_funcs: pureCalls }, format: { comments: false } }),
    sourcesInlined(),
    ...extra,
  ],
});

export default [
  bundle('dist/define.js', 'dist/course-chat.js', [typesOf('define.js')], laterInOneChunk(), partysocketNotes),
  bundle('dist/mock/index.js', 'dist/course-chat-mock.js', [typesOf('mock/index.js'), mswWorkerScript()]),
];
