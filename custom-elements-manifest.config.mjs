// The analyzer brings its own TypeScript (5.4), independent of the project's compiler.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: [
    'src/components/**/*.styles.ts',
    'src/components/store-controller.ts',
    'src/components/avatar.ts',
    'src/components/format.ts',
  ],
  outdir: '.',
  litelement: true,
  dev: false,
  // Never rewrite package.json's customElements field (the freshness check analyzes into a temp dir).
  packagejson: false,
};
