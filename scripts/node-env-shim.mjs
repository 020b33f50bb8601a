// nanostores reads `process.env.NODE_ENV`, which bundlers replace. The dev server and the test
// runner serve modules unbundled, so pages they serve get the value from a tiny inline script.
export const nodeEnvShim = `<script>globalThis.process ??= { env: { NODE_ENV: 'development' } };</script>`;

/** A dev-server plugin that puts the shim at the top of every HTML page it serves. */
export function nodeEnvShimPlugin() {
  return {
    name: 'course-chat-node-env-shim',
    transform(context) {
      if (context.response.is('html') && typeof context.body === 'string') {
        return { body: context.body.replace(/<head[^>]*>/i, (head) => `${head}${nodeEnvShim}`) };
      }
      return undefined;
    },
  };
}
