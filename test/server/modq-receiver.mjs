// The platform's MODQ as the Worker sees it, on node:http, for the MODQ tests: it keeps every
// report the Worker POSTs, with whether the Worker signed it as MODQ expects.
import { timingSafeEqual } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer } from 'node:http';
import { freePort, loopback } from '../../scripts/ports.mjs';
import { signedAsModq } from './helpers.mjs';

function signedByWorker(headers, body, secret) {
  const timestamp = headers['x-modq-timestamp'];
  const expected = Buffer.from(signedAsModq(body, secret, Number(timestamp) * 1000)['x-modq-signature']);
  const given = Buffer.from(headers['x-modq-signature'] ?? '');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers 503 while `failing` (as it starts unless told), else takes each report (200). Every
 * request is kept in `refused` or `taken`, with whether its signature by `secret` was valid.
 */
export async function startReceiver(secret, { failing = true } = {}) {
  const events = new EventEmitter();
  const receiver = { failing, refused: [], taken: [], events };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { body: JSON.parse(body), signed: signedByWorker(request.headers, body, secret) };
      response.writeHead(receiver.failing ? 503 : 200).end();
      (receiver.failing ? receiver.refused : receiver.taken).push(entry);
      events.emit('request');
    });
  });
  const port = await freePort();
  server.listen(port, loopback);
  await once(server, 'listening');
  receiver.url = `http://${loopback}:${port}/reports`;
  receiver.close = () => new Promise((resolve) => server.close(resolve));
  /** Resolves once `done()` holds, checked after every request; rejects if it still does not after `withinMs`. */
  receiver.until = async (done, withinMs = 120_000) => {
    const signal = AbortSignal.timeout(withinMs);
    while (!done()) await once(events, 'request', { signal });
  };
  return receiver;
}
