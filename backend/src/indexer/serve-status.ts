// The indexer's HTTP status endpoints, for Prometheus and the orchestrator: /health (the process
// answers), /ready (every readiness check passes; 503 with the failing checks otherwise) and /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Service } from '../service/service.ts';

export type StatusServer = { url: string; server: Server; close: () => Promise<void> };

export async function serveStatus(service: Service, parameters: { host: string; port: number }): Promise<StatusServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'GET') return json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'only GET' } });
      if (path === '/health') return json(200, { status: 'ok' });
      if (path === '/ready') {
        const readiness = await service.readiness();
        return json(readiness.ready ? 200 : 503, readiness);
      }
      if (path === '/metrics') {
        const text = await service.metrics.metrics();
        response.writeHead(200, { 'content-type': service.metrics.contentType });
        return response.end(text);
      }
      return json(404, { error: { code: 'NOT_FOUND', message: 'no such resource' } });
    } catch (error) {
      service.logger.error({ err: error, path }, 'status request failed');
      if (!response.headersSent) json(500, { error: { code: 'INTERNAL', message: 'an unexpected error' } });
      else response.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parameters.port, parameters.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = parameters.host.includes(':') ? `[${parameters.host}]` : parameters.host;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
