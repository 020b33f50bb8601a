// The script-tag build: one self-contained, minified ES module that registers <course-chat>, for
// hosts without a bundler (`<script type="module" src=".../course-chat.js">`). The npm build with
// bare imports is tsc's output in dist/; this bundles its registration entry with every dependency.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { minifyCssTemplates } from './scripts/minify-css-templates.mjs';

export default {
  input: 'dist/define.js',
  output: {
    file: 'dist/course-chat.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    // nanostores keeps its development checks behind NODE_ENV, as bundlers expect.
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true }),
    minifyCssTemplates(),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
