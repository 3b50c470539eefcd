import { Worker } from 'node:worker_threads';

/**
 * 1,000 phones answering a call-out, in a worker thread (so that the server's event loop and the
 * phones' are on different cores). Each phone is its own client: its own address (127.0.x.y — the
 * server's per-address rate limit sees 1,000 phones, as it would in the field) and its own keep-alive
 * connection, opened when the person reads their link page (GET, not timed). Then two measurements:
 *   spread  each phone POSTs its answer at its own moment within one second (the moments spread
 *           evenly over the second, in shuffled order) — 1,000 people answering within the same
 *           second; each timed from its own send to the end of its answer.
 *   burst   every phone POSTs at the same instant: 1,000 requests in flight at once, each timed from
 *           that instant (so the last waits for the 999 before it).
 * Each measurement answers a different call-out's links (a second answer to the same link would
 * change nothing and cost less).
 */
export interface PhonesOptions {
  url: string;
  spreadTokens: string[];
  burstTokens: string[];
  spreadMs: number;
}

export interface PhonesResult {
  spread: number[];
  burst: number[];
  statuses: Record<string, number>;
}

// biome-ignore lint/complexity/noUselessStringRaw: the worker's source; raw keeps any escape a later edit adds as the worker must see it
const WORKER = String.raw`
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const target = new URL(o.url);
const statuses = {};
const phones = o.spreadTokens.map((_, i) => ({
  agent: new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 }),
  address: '127.0.' + (1 + (i >> 8)) + '.' + (i & 255),
}));

function send(phone, method, path, payload) {
  return new Promise((resolve) => {
    const start = performance.now();
    const headers = payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {};
    const req = http.request({ agent: phone.agent, localAddress: phone.address, host: target.hostname, port: target.port, path, method, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        statuses[method + ' ' + res.statusCode] = (statuses[method + ' ' + res.statusCode] || 0) + 1;
        resolve({ start, end: performance.now() });
      });
    });
    req.on('error', (e) => {
      statuses['error ' + e.code] = (statuses['error ' + e.code] || 0) + 1;
      resolve({ start, end: performance.now() });
    });
    req.end(payload);
  });
}

const answer = JSON.stringify({ answer: 'coming' });
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  // each person opens their links (the page loads; the connection stays open), 50 at a time
  for (let i = 0; i < phones.length; i += 50)
    await Promise.all(phones.slice(i, i + 50).map((p, k) => send(p, 'GET', '/api/public/callouts/' + o.spreadTokens[i + k])
      .then(() => send(p, 'GET', '/api/public/callouts/' + o.burstTokens[i + k]))));
  await wait(200);

  // spread: phone i answers at its own moment in the second (a fixed shuffle of evenly spaced moments)
  const order = phones.map((_, i) => i);
  let seed = 16;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const t0 = performance.now();
  const spread = await Promise.all(order.map(async (i, slot) => {
    await wait(Math.max(0, t0 + (slot * o.spreadMs) / phones.length - performance.now()));
    const r = await send(phones[i], 'POST', '/api/public/callouts/' + o.spreadTokens[i], answer);
    return r.end - r.start;
  }));
  await wait(500);

  // burst: all at once, each timed from the common instant
  const t1 = performance.now();
  const burst = await Promise.all(phones.map(async (p, i) => {
    const r = await send(p, 'POST', '/api/public/callouts/' + o.burstTokens[i], answer);
    return r.end - t1;
  }));
  for (const p of phones) p.agent.destroy();
  parentPort.postMessage({ spread, burst, statuses });
})();
`;

export function runPhones(options: PhonesOptions): Promise<PhonesResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: options });
    worker.once('message', (m: PhonesResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
