import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../testing/test-app';
import { IMMUTABLE, registerCompression, serveWebApp } from './web-delivery';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

describe('compressed answers (issue 18: fast on a weak signal)', () => {
  it('a JSON answer comes brotli- or gzip-compressed as the browser accepts, and decodes to the same data', async () => {
    const plain = await admin.request({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await admin.request({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gzip = await admin.request({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip, deflate' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });

  it('personal data stays uncached when compressed, and a small answer is not compressed at all', async () => {
    const list = await admin.request({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(list.headers['cache-control']).toBe('no-store');
    const small = await admin.request({ method: 'GET', url: '/api/auth/me', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('a compressed request body is refused, not inflated', async () => {
    const body = zlib.gzipSync(JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the web UI files', () => {
  let web: FastifyInstance;
  let root: string;
  const script = `console.log(${JSON.stringify('群防 '.repeat(2000))});\n`;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), `<!doctype html><title>群防</title>${'<!-- -->'.repeat(300)}`);
    fs.writeFileSync(path.join(root, 'assets', 'main-AbC123.js'), script);
    // the build's precompressed copy; a hashed file with none is compressed on the fly
    fs.writeFileSync(path.join(root, 'assets', 'main-AbC123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(root, 'assets', 'other-XyZ789.js'), script);
    web = Fastify();
    await registerCompression(web);
    await serveWebApp(web, root);
    await web.ready();
  });
  afterAll(async () => {
    await web.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('hashed assets are cached for a year as immutable; the page itself is asked again every time', async () => {
    const asset = await web.inject({ method: 'GET', url: '/assets/main-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    expect(asset.body).toBe(script);
    for (const url of ['/', '/index.html']) {
      const page = await web.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it("the build's brotli copy is sent as it is; without one the file is compressed on the way", async () => {
    const pre = await web.inject({
      method: 'GET',
      url: '/assets/main-AbC123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(pre.headers['content-encoding']).toBe('br');
    expect(pre.headers['content-type']).toMatch(/javascript/);
    expect(pre.headers['cache-control']).toBe(IMMUTABLE);
    expect(pre.rawPayload.equals(fs.readFileSync(path.join(root, 'assets', 'main-AbC123.js.br')))).toBe(true);

    const onTheFly = await web.inject({
      method: 'GET',
      url: '/assets/other-XyZ789.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(onTheFly.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(onTheFly.rawPayload).toString()).toBe(script);
    expect(onTheFly.rawPayload.length).toBeLessThan(script.length / 10);
  });
});
