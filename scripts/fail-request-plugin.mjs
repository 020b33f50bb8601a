// A request that fails on the network's side, as in a CDN hiccup or after a deploy that removed an
// old chunk: `fail-next-request` ({ path }) answers the next request for `path` (its query aside)
// with a 503, once; later requests for it are served as usual. `requests-for` ({ path }) answers
// how many requests for `path` came since the run began, and how many of them were failed.

/** The middleware that fails the requests, and the plugin whose commands arm and count them. */
export function failRequests() {
  const armed = new Set();
  const counts = new Map();
  const countOf = (path) => counts.get(path) ?? { requests: 0, failed: 0 };
  return {
    middleware: async (ctx, next) => {
      const count = countOf(ctx.path);
      counts.set(ctx.path, { ...count, requests: count.requests + 1 });
      if (!armed.delete(ctx.path)) return next();
      counts.set(ctx.path, { requests: count.requests + 1, failed: count.failed + 1 });
      ctx.status = 503;
      ctx.body = 'Service Unavailable';
      // The test server marks every file cacheable for a year, a failure too: the browser must not
      // keep this one, no more than it would keep a CDN's passing hiccup.
      ctx.set('Vary', '*');
      return undefined;
    },
    plugin: {
      name: 'course-chat-fail-requests',
      executeCommand({ command, payload }) {
        if (command === 'fail-next-request') armed.add(payload.path);
        else if (command !== 'requests-for') return undefined;
        return countOf(payload.path);
      },
    },
  };
}
