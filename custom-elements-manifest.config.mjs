/**
 * Keeps only the events declared with `@fires`: the analyzer also guesses an event from every
 * `dispatchEvent(new SomeEvent(arg))`, taking the constructor's first argument for its name, which
 * for our typed Event classes is not the event name.
 */
function declaredEventsOnly() {
  return {
    name: 'course-chat-declared-events-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          declaration.events = declaration.events.filter((event) => event.name?.startsWith('course-chat-'));
        }
      }
    },
  };
}

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
  plugins: [declaredEventsOnly()],
};
