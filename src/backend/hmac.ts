/**
 * HMAC-SHA256 over Web Crypto (the Worker, Chromium and Node alike): the key cache the tokens
 * use, and the signature of requests between a backend and the platform's moderation queue
 * (MODQ), both ways: MODQ signs the decisions it POSTs, the Worker signs the reports it delivers.
 * `x-modq-signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`, with
 * `x-modq-timestamp` in seconds; docs/protocol.md ("Moderation").
 */
import { modqReplayWindowSeconds, modqSignatureHeader, modqTimestampHeader } from '../protocol/index.js';
import { done, type Outcome } from './outcome.js';
import { refusals } from './refusals.js';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC-SHA256 key for a secret, imported once per secret. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

const signedText = (timestamp: string, body: string) => encoder.encode(`${timestamp}.${body}`);

/** The headers that sign `body` as sent at `nowMs`. */
export async function signModqRequest(secret: string, body: string, nowMs: number): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), signedText(timestamp, body)));
  const hex = [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { [modqTimestampHeader]: timestamp, [modqSignatureHeader]: `v1=${hex}` };
}

/**
 * Checks a signed request as received (its two headers, null when absent, and its raw body):
 * `invalid_signature` unless the signature matches (checked first, in constant time, so an
 * unsigned request learns nothing about the clock), then `stale_request` outside
 * `modqReplayWindowSeconds` of `nowMs` either way. Replays are the decision rules' concern.
 */
export async function verifyModqRequest(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  nowMs: number,
): Promise<Outcome<null>> {
  const { timestamp, signature } = headers;
  const hex = /^v1=([0-9a-f]{64})$/.exec(signature ?? '')?.[1];
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp) || hex === undefined) return refusals.invalidSignature();
  const mac = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  if (!(await crypto.subtle.verify('HMAC', await hmacKey(secret), mac, signedText(timestamp, body))))
    return refusals.invalidSignature();
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > modqReplayWindowSeconds) return refusals.staleRequest();
  return done(null);
}
