/**
 * The live training page: a local HTTP server on 127.0.0.1 (port chosen by
 * the OS) serving an HTML page that polls /state.json and swaps in
 * /plot.svg when the version changes — it updates without reloading.
 * Requests are answered only when their Host is this loopback address and port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProgressSource {
  /** Changes whenever the view changes. */
  version(): number;
  state(): Record<string, unknown>;
  svg(): string;
}

export interface ProgressServer {
  url: string;
  /** Keep the process alive for the server (DLTB_KEEP_SERVER). */
  keepAlive(): void;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Training Progress</title>
<style>
body { margin: 0; background: #f0f0f0; font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; }
#status { padding: 8px 16px; font-size: 14px; background: #e2e2e2; border-bottom: 1px solid #c8c8c8; }
#plot svg { display: block; width: 100%; max-width: 1400px; height: auto; }
</style></head>
<body>
<div id="status">Connecting…</div>
<div id="plot"></div>
<script>
let shown = -1;
const status = document.getElementById('status');
async function poll() {
  try {
    const s = await (await fetch('state.json', { cache: 'no-store' })).json();
    status.textContent = s.status;
    document.body.dataset.iteration = String(s.iteration);
    document.body.dataset.finished = String(s.finished);
    if (s.version !== shown) {
      const svg = await (await fetch('plot.svg?v=' + s.version, { cache: 'no-store' })).text();
      document.getElementById('plot').innerHTML = svg;
      shown = s.version;
      document.body.dataset.version = String(shown);
    }
    if (s.finished) return;
  } catch (e) {
    status.textContent += ' (the training run has ended; this page no longer updates)';
    return;
  }
  setTimeout(poll, POLL_MS);
}
poll();
</script>
</body></html>`;

export async function startProgressServer(src: ProgressSource, pollMs = 1000): Promise<ProgressServer> {
  const page = PAGE.replace('POLL_MS', String(pollMs));
  let allowedHosts = new Set<string>();
  const server = http.createServer((req, res) => {
    // DNS rebinding: a page on another site whose name resolves to 127.0.0.1 sends its own name as Host.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (path === '/') send('text/html', page);
    else if (path === '/state.json') send('application/json', JSON.stringify({ version: src.version(), ...src.state() }));
    else if (path === '/plot.svg') send('image/svg+xml', src.svg());
    else res.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // The page must never keep a finished script alive unless asked to.
  server.unref();
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    keepAlive: () => {
      server.ref();
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
