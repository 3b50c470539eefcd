import { Worker } from 'node:worker_threads';

/**
 * A closed-loop HTTP load generator in the style of autocannon: `connections` keep-alive
 * connections, each with one request in flight at a time — the next is sent when the answer has
 * been read — for a warm-up and then a measured period. It runs in a worker thread, so that on a
 * small machine the server's event loop and the generator's are on different cores. Only answers
 * that complete inside the measured period count; only 2xx count as done.
 *
 * The bodies are passages as a checkpoint crew's tablet sends them: a client-generated id
 * (crypto.randomUUID, as the web client does), a 晋K plate, 1–4 occupants (uniformly) each with a
 * temperature, most with a valid 18-character ID number drawn from a pool (so some people come
 * back, most are new to the registry), half with a phone.
 */
export interface LoadOptions {
  url: string;
  path: string;
  cookie: string;
  siteId: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** ID numbers the occupants are drawn from */
  idNumbers: string[];
}

export interface LoadResult {
  /** 2xx answers per second over the measured period */
  rate: number;
  done: number;
  non2xx: number;
  errors: number;
  seconds: number;
  latencies: number[];
  occupants: number;
  /** how busy the generator's own event loop was (near 1: the generator, not the server, is the limit) */
  generatorElu: number;
  statuses: Record<string, number>;
}

// biome-ignore lint/complexity/noUselessStringRaw: the worker's source; raw keeps any escape a later edit adds as the worker must see it
const WORKER = String.raw`
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const target = new URL(o.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections });
const SURNAMES = '王李张刘赵杨郭陈武梁任侯韩田冀雷闫温史宋';
const GIVEN = ['建国', '秀英', '晓东', '丽娟', '志强', '海燕', '浩然', '子涵', '俊峰', '美玲', '伟', '芳', '鹏飞', '晋平'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const rnd = (n) => Math.floor(Math.random() * n);

function body() {
  const n = 1 + rnd(4);
  const occupants = [];
  for (let k = 0; k < n; k++) {
    const o2 = { name: SURNAMES[rnd(SURNAMES.length)] + GIVEN[rnd(GIVEN.length)], temperature: Math.round((36 + Math.random() * 1.1) * 10) / 10 };
    if (Math.random() < 0.85) o2.idNumber = o.idNumbers[rnd(o.idNumbers.length)];
    if (Math.random() < 0.5) o2.phone = '139' + String(rnd(1e8)).padStart(8, '0');
    occupants.push(o2);
  }
  return JSON.stringify({
    id: randomUUID(), siteId: o.siteId, direction: Math.random() < 0.6 ? 'in' : 'out',
    plate: '晋K' + LETTERS[rnd(LETTERS.length)] + String(rnd(1e4)).padStart(4, '0'), vehicleType: 'car',
    origin: '太原', destination: '平遥', purpose: '返乡', disinfected: true, leaflet: true, decision: 'pass', occupants,
  });
}

function once(payload) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.request({
      agent, host: target.hostname, port: target.port, path: o.path, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie: o.cookie },
    }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode, start, end: performance.now() }));
    });
    req.on('error', () => resolve({ status: 0, start, end: performance.now() }));
    req.end(payload);
  });
}

(async () => {
  const t0 = performance.now();
  const from = t0 + o.warmupSeconds * 1000;
  const until = from + o.seconds * 1000;
  let done = 0, non2xx = 0, errors = 0, occupants = 0;
  const latencies = [];
  const statuses = {};
  let elu0 = null;
  setTimeout(() => { elu0 = performance.eventLoopUtilization(); }, o.warmupSeconds * 1000);
  async function loop() {
    while (performance.now() < until) {
      const payload = body();
      const r = await once(payload);
      if (r.start < from || r.end > until) continue;
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 0) errors++;
      else if (r.status >= 200 && r.status < 300) {
        done++;
        latencies.push(r.end - r.start);
        occupants += (payload.match(/"temperature"/g) || []).length;
      } else non2xx++;
    }
  }
  await Promise.all(Array.from({ length: o.connections }, loop));
  const elu = performance.eventLoopUtilization(elu0 || undefined);
  agent.destroy();
  parentPort.postMessage({ rate: done / o.seconds, done, non2xx, errors, seconds: o.seconds, latencies, occupants, generatorElu: elu.utilization, statuses });
})();
`;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: options });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}
