// The browser's online state for browser tests, switched through CDP as DevTools' Offline does:
// Chromium itself sets navigator.onLine and fires the page's `offline` and `online` events. Only
// the state: the test runner talks to the page over the network, so the wire itself stays up, and
// what must fail offline (the in-page mock) fails by the browser's word, as it does in the demo.

/** One CDP session per page: emulation set through a session ends when the session does. */
const sessions = new WeakMap();

/** `network-offline` says the browser is offline (`{ offline: true }`) or online again. */
export function networkPlugin() {
  return {
    name: 'course-chat-network',
    async executeCommand({ command, payload, session }) {
      if (command !== 'network-offline') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, page.createCDPSession());
      const cdp = await sessions.get(page);
      await cdp.send('Network.overrideNetworkState', {
        offline: payload.offline,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      return true;
    },
  };
}
