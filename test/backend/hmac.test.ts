import { expect } from '@open-wc/testing';
import { signModqRequest, verifyModqRequest } from '../../src/backend/hmac.js';
import { modqSignatureHeader, modqTimestampHeader } from '../../src/protocol/index.js';

const secret = 'modq-shared-secret';
const at = Date.parse('2026-11-24T10:00:00.750Z');
const body = '{"action":"hide"}';

const received = (headers: Record<string, string>) => ({
  timestamp: headers[modqTimestampHeader] ?? null,
  signature: headers[modqSignatureHeader] ?? null,
});

describe('MODQ request signatures', () => {
  it('sign the timestamp in seconds and the raw body with HMAC-SHA256, as v1=hex', async () => {
    const headers = await signModqRequest(secret, body, at);
    expect(headers[modqTimestampHeader]).to.equal(String(Math.floor(at / 1000)));
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${Math.floor(at / 1000)}.${body}`));
    const hex = [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(headers[modqSignatureHeader]).to.equal(`v1=${hex}`);
  });

  it('accept what they signed within 300 seconds either way', async () => {
    const headers = received(await signModqRequest(secret, body, at));
    for (const skew of [0, 300_000, -300_000])
      expect((await verifyModqRequest(secret, headers, body, at + skew)).ok, String(skew)).to.be.true;
  });

  it('refuse a stale timestamp, but only once the signature matches', async () => {
    const headers = received(await signModqRequest(secret, body, at));
    const stale = await verifyModqRequest(secret, headers, body, at + 301_000);
    expect(!stale.ok && stale.error.code).to.equal('stale_request');
    const forged = await verifyModqRequest('another-secret', headers, body, at + 301_000);
    expect(!forged.ok && forged.error.code).to.equal('invalid_signature');
  });

  it('refuse a missing header, another body, another secret and a malformed signature', async () => {
    const headers = received(await signModqRequest(secret, body, at));
    const cases = [
      { ...headers, signature: null },
      { ...headers, timestamp: null },
      { ...headers, timestamp: 'soon' },
      { ...headers, signature: headers.signature?.replace('v1=', 'v2=') ?? null },
      { ...headers, signature: 'v1=zz' },
    ];
    for (const check of cases) {
      const refused = await verifyModqRequest(secret, check, body, at);
      expect(!refused.ok && refused.error.code, JSON.stringify(check)).to.equal('invalid_signature');
    }
    const otherBody = await verifyModqRequest(secret, headers, '{"action":"restore"}', at);
    expect(!otherBody.ok && otherBody.error.code).to.equal('invalid_signature');
    const otherSecret = await verifyModqRequest('another-secret', headers, body, at);
    expect(!otherSecret.ok && otherSecret.error.code).to.equal('invalid_signature');
  });
});
