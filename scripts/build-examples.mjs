// Bundles the framework examples in demo/examples/ (React ships CommonJS, so a page cannot load it
// unbundled). The examples import course-chat by its package name, which resolves to the built
// package in dist/, as a host's would; the plain-HTML one needs no bundling at all.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

if (!existsSync('dist/define.js')) {
  console.error('dist/ is missing: run `npm run build` before `npm run build:examples`.');
  process.exit(1);
}

await build({
  entryPoints: {
    react: 'demo/examples/react/main.tsx',
    vue: 'demo/examples/vue/main.ts',
  },
  outdir: 'demo/examples/build',
  bundle: true,
  // Split as a host's bundler does: what the element loads after its first paint (its dynamic
  // imports) becomes chunks beside the bundle rather than part of it.
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
  // tsconfig.json points course-chat at src/ for type-checking; the bundles take the package.
  tsconfigRaw: { compilerOptions: { jsx: 'react-jsx', verbatimModuleSyntax: true } },
  // Vue's full build: the examples' template is compiled in the browser.
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
});
console.log('Built the examples into demo/examples/build/.');
