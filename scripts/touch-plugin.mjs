// Real touch input for browser tests. Synthetic PointerEvents skip what matters on a phone: the
// browser's own gesture handling (touch-action, pointercancel when it starts to scroll), so these
// commands drive Chromium through CDP as a finger would.

/** One CDP session per page: emulation set through a session ends when the session does. */
const sessions = new WeakMap();

function cdpOf(page) {
  let session = sessions.get(page);
  if (!session) sessions.set(page, (session = page.createCDPSession()));
  return session;
}

const point = ([x, y]) => [{ x, y, id: 1 }];

/**
 * `touch-phone` makes the page a phone of `{ width, height }` CSS pixels with a touch screen;
 * `touch-swipe` drags one finger `{ from: [x, y], to: [x, y] }` in `steps` moves; `touch-press`
 * holds one finger `{ at: [x, y] }` down for `ms` milliseconds; `touch-reset` ends the phone.
 */
export function touchPlugin() {
  return {
    name: 'course-chat-touch',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('touch-')) return undefined;
      const cdp = await cdpOf(session.browser.getPage(session.id));
      const touch = (type, touchPoints) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
      switch (command) {
        case 'touch-phone':
          await cdp.send('Emulation.setDeviceMetricsOverride', {
            width: payload.width,
            height: payload.height,
            deviceScaleFactor: 1,
            // Not `mobile`: the test pages have no viewport meta, and a mobile one would lay them out
            // 980 pixels wide and zoom out.
            mobile: false,
          });
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
          return true;
        case 'touch-reset':
          await cdp.send('Emulation.clearDeviceMetricsOverride');
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
          return true;
        case 'touch-swipe': {
          const { from, to, steps = 8 } = payload;
          await touch('touchStart', point(from));
          for (let step = 1; step <= steps; step++) {
            const at = [0, 1].map((axis) => from[axis] + ((to[axis] - from[axis]) * step) / steps);
            await touch('touchMove', point(at));
          }
          await touch('touchEnd', []);
          return true;
        }
        case 'touch-press':
          await touch('touchStart', point(payload.at));
          await new Promise((resolve) => setTimeout(resolve, payload.ms));
          await touch('touchEnd', []);
          return true;
        default:
          return undefined;
      }
    },
  };
}
