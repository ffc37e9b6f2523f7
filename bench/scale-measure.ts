// Timing requests one at a time through the application in this process
// (Hono's app.request, no network): each request's server time, and the CPU
// this process spent on it, which a busy shared machine inflates far less.

export interface Timed {
  name: string;
  median: number;
  p95: number;
  /** CPU time (user and system) per request, in milliseconds. */
  cpu: number;
  errors: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const cpuNow = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
export const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** `count` requests in a row after `warm` unmeasured ones; `expected` is the status each should get. */
export async function timeRequests(name: string, request: (n: number) => Promise<Response>, expected: number, count = 40, warm = 5): Promise<Timed> {
  for (let n = 0; n < warm; n++) await (await request(-1 - n)).arrayBuffer();
  const times: number[] = [];
  let errors = 0;
  let cpu = 0;
  for (let n = 0; n < count; n++) {
    const cpuBefore = cpuNow();
    const start = performance.now();
    const res = await request(n);
    await res.arrayBuffer();
    times.push(performance.now() - start);
    cpu += cpuNow() - cpuBefore;
    if (res.status !== expected) errors += 1;
  }
  times.sort((a, b) => a - b);
  return { name, median: quantile(times, 0.5), p95: quantile(times, 0.95), cpu: cpu / count, errors };
}

export interface Streamed {
  seconds: number;
  bytes: number;
  rows: number;
  rssBefore: number;
  rssPeak: number;
}

/** Read a streamed response to its end, watching this process's memory as it goes. */
export async function streamWatchingMemory(request: () => Promise<Response>): Promise<Streamed> {
  global.gc?.();
  const rssBefore = rssMb();
  let rssPeak = rssBefore;
  const start = performance.now();
  const res = await request();
  const reader = res.body!.getReader();
  let bytes = 0;
  let rows = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.length;
    for (const byte of read.value) if (byte === 10) rows += 1;
    rssPeak = Math.max(rssPeak, rssMb());
  }
  return { seconds: (performance.now() - start) / 1000, bytes, rows: rows - 1, rssBefore, rssPeak };
}
