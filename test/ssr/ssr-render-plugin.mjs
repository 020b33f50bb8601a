import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const script = fileURLToPath(new URL('./render-shell.mjs', import.meta.url));

/**
 * `ssr-render` ({ courseId, apiBase }): `<course-chat>` as a server renders it (render-shell.mjs,
 * from the built package), for the browser test that hydrates it. In a process of its own, so that
 * the server's DOM shim never reaches the test runner's.
 */
export function ssrRenderPlugin() {
  return {
    name: 'course-chat-ssr-render',
    async executeCommand({ command, payload }) {
      if (command !== 'ssr-render') return undefined;
      const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(payload)]);
      return stdout;
    },
  };
}
