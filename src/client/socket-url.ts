import { paths } from '../protocol/rest.js';

/** Turns the REST base into the socket endpoint: `/api` → `ws(s)://<page host>/api/chat/connect`. */
export function socketUrl(apiBase: string, room: string, token: string): string {
  const url = new URL(`${apiBase.replace(/\/+$/, '')}${paths.connect()}`, globalThis.location?.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('room', room);
  url.searchParams.set('token', token);
  return url.toString();
}
