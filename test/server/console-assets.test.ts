// The built console (admin-ui/dist, built by `npm test` before vitest runs) as the real API serves it:
// compressed when the browser accepts it, hashed assets cached for a year, index.html revalidated.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../harness/app.ts';

const DIST = new URL('../../admin-ui/dist/', import.meta.url);
let app: FastifyInstance;
let asset: string;

beforeAll(async () => {
  ({ app } = await startTestApp());
  asset = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(readFileSync(new URL('index.html', DIST), 'utf8'))![1];
});
afterAll(() => app?.close());

describe('console assets', () => {
  it('sends a hashed asset brotli- or gzip-compressed, cached for a year as immutable', async () => {
    const original = readFileSync(new URL(asset, DIST));
    const br = await app.inject({ url: `/${asset}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(original.length / 3);

    const gz = await app.inject({ url: `/${asset}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);

    const plain = await app.inject({ url: `/${asset}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('makes browsers revalidate index.html, at / and for client-side routes', async () => {
    for (const url of ['/', '/index.html', '/some/console/route']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });
});
