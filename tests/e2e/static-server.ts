/** A tiny static server for the built renderer (out/renderer), sending the production CSP header. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The built renderer the e2e tests load. */
export const OUT_RENDERER = resolve(import.meta.dirname, '../../out/renderer');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** A running static server; `setCsp` is called once the progress port is known. */
export interface StaticServer {
  origin: string;
  setCsp(policy: string): void;
  close(): Promise<void>;
}

/** Serve `root` on 127.0.0.1 at a free port: GET/HEAD only, "/" is index.html, anything else missing is 404. */
export async function startStaticServer(root = OUT_RENDERER): Promise<StaticServer> {
  let csp = "default-src 'none'";
  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void => {
        res.writeHead(status, {
          'Content-Type': type,
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      } catch {
        return send(400, 'Bad request');
      }
      if (pathname === '/') pathname = '/index.html';
      const file = normalize(join(root, pathname));
      if (!file.startsWith(root + sep)) return send(404, 'Not found');
      const type = CONTENT_TYPES[extname(file)];
      try {
        const body = await readFile(file);
        send(200, body, type ?? 'application/octet-stream');
      } catch {
        send(404, 'Not found');
      }
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setCsp: (policy) => {
      csp = policy;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
