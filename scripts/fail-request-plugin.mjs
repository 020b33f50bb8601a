// A request that fails on the network's side, as in a CDN hiccup or after a deploy that removed an
// old chunk: `fail-next-request` ({ path }) answers the next request for `path` (its query aside)
// with a 503, once; later requests for it are served as usual. `requests-for` ({ path }) answers
// how many requests for `path` came since the run began, and how many of them were failed.

/**
 * The middleware that fails the requests, and the plugin whose commands arm and count them. Only
 * `paths` may be failed. The test server marks every file cacheable for a year, and the browser
 * shares its cache between the test files' pages: these paths are never kept (`Vary: *`), so each
 * page asks the server for them, and a failure is not kept either, no more than a CDN's passing
 * hiccup would be.
 */
export function failRequests(paths) {
  const armed = new Set();
  const counts = new Map();
  const countOf = (path) => counts.get(path) ?? { requests: 0, failed: 0 };
  return {
    middleware: async (ctx, next) => {
      if (!paths.includes(ctx.path)) return next();
      ctx.set('Vary', '*');
      const { requests, failed } = countOf(ctx.path);
      const failing = armed.delete(ctx.path);
      counts.set(ctx.path, { requests: requests + 1, failed: failed + (failing ? 1 : 0) });
      if (!failing) return next();
      ctx.status = 503;
      ctx.body = 'Service Unavailable';
      return undefined;
    },
    plugin: {
      name: 'course-chat-fail-requests',
      executeCommand({ command, payload }) {
        if (command === 'fail-next-request') {
          if (!paths.includes(payload.path)) throw new Error(`${payload.path} is not among the paths that may fail`);
          armed.add(payload.path);
        } else if (command !== 'requests-for') return undefined;
        return countOf(payload.path);
      },
    },
  };
}
