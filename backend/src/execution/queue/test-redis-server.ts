// A redis-server of the test's own, on a free 127.0.0.1 port, that the test can SIGKILL and start again
// on the same port: empty (no persistence, like the machine's Redis), the fault the reconciler covers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER_BINARY = process.env.TEST_REDIS_SERVER ?? '/usr/bin/redis-server';

export type TestRedisServer = {
  readonly url: string;
  readonly port: number;
  /** SIGKILLs the server (its data is gone: nothing is saved). */
  kill: () => Promise<void>;
  /** Starts a fresh, empty server on the same port. */
  start: () => Promise<void>;
  /** Kills the server and removes its directory. */
  close: () => Promise<void>;
};

export async function startTestRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cr8-redis-'));
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child) throw new Error('the test redis-server is running already');
    const process_ = spawn(REDIS_SERVER_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = process_;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) {
          process_.stdout!.off('data', onData);
          resolve();
        }
      };
      process_.stdout!.on('data', onData);
      process_.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      process_.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-500)}`)));
    });
    process_.stdout!.resume();
  };
  const kill = async () => {
    const running = child;
    if (!running) return;
    child = null;
    if (running.exitCode === null && running.signalCode === null) {
      running.kill('SIGKILL');
      await once(running, 'exit');
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
