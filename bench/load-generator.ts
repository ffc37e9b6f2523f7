import http from 'node:http';

// The load generator, in a process of its own (pinned to its own core by
// bench/http.ts): requests at a fixed offered rate, whatever the answers
// take (an open loop), so a slow server shows as queueing in the latency
// instead of as fewer requests sent. Latency runs from when each request was
// due to when its answer was read. Reads a job as JSON on stdin, writes the
// result as JSON on stdout.

export interface Job {
  base: string;
  rate: number;
  seconds: number;
  expected: number;
  cookie: string;
  csrfToken: string;
  requests: Array<{ method: 'GET' | 'POST'; path: string; form?: Record<string, string> }>;
}

export interface Result {
  sent: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers a second, over the whole run. */
  achieved: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function send(job: Job, n: number): Promise<number> {
  const spec = job.requests[n % job.requests.length]!;
  const body = spec.form ? new URLSearchParams({ _csrf: job.csrfToken, ...spec.form }).toString() : undefined;
  return new Promise((resolve) => {
    const req = http.request(`${job.base}${spec.path}`, {
      method: spec.method, agent,
      headers: { cookie: job.cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export async function run(job: Job): Promise<Result> {
  const total = Math.round(job.rate * job.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / job.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(job, n).then((status) => {
      latencies.push(performance.now() - due);
      if (status !== job.expected) errors += 1;
    }));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { sent: total, errors, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0, achieved: total / elapsed };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  let input = '';
  process.stdin.on('data', (d) => { input += d; });
  process.stdin.on('end', async () => {
    const result = await run(JSON.parse(input) as Job);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    agent.destroy();
  });
}
