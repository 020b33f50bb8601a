/**
 * HS256 JSON Web Tokens over WebCrypto, for the two tokens of the protocol: the host's bearer
 * token (`sub` = user id) and the backend's `user_token` (also bound to a `room`). Shared by the
 * mock and the Worker so both accept exactly the same tokens; the client never verifies tokens.
 */
import { hmacKey } from './hmac.js';

export interface TokenClaims {
  sub: string;
  /** Seconds since the epoch. */
  exp: number;
  room?: string;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

const header = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));

export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const body = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return `${body}.${base64url(new Uint8Array(signature))}`;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Verifies signature, algorithm and expiry; `nowMs` is injectable so tests can age tokens. */
export async function verifyToken(token: string, secret: string, nowMs = Date.now()): Promise<TokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [head, payload, signature] = parts as [string, string, string];
  try {
    const headerFields = JSON.parse(new TextDecoder().decode(fromBase64url(head))) as { alg?: unknown };
    if (headerFields.alg !== 'HS256') return { ok: false, reason: 'invalid' };
    const valid = await crypto.subtle.verify(
      'HMAC',
      await hmacKey(secret),
      fromBase64url(signature),
      encoder.encode(`${head}.${payload}`),
    );
    if (!valid) return { ok: false, reason: 'invalid' };
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as Partial<TokenClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
    if (claims.room !== undefined && typeof claims.room !== 'string') return { ok: false, reason: 'invalid' };
    if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims as TokenClaims };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}
