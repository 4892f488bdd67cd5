// Turns an agent's registered argv into the argv actually spawned: the command resolved against the
// sandbox's PATH (so a missing command is BAD_CONFIG before anything runs), a memory limit, and
// optionally a network namespace of its own.
//
// Memory: RLIMIT_AS (address space) through `prlimit --as=<bytes> --`, which the agent and everything it
// starts inherit. Node is the exception: V8 reserves far more address space than it uses (Node 24 will
// not even start under 1 GiB of RLIMIT_AS), so a `node` command gets V8 heap flags instead: the old
// generation plus three semi-spaces (V8's young generation) add up to the limit. That bounds the
// JavaScript heap only: Buffers and other memory outside the heap, and processes the agent spawns, are
// not bounded for Node agents. Node agents must therefore run as `node <script>` (argv[0] named `node`):
// a script started through its shebang is not recognized, gets RLIMIT_AS and fails to start. A command
// that sets V8's heap flags itself is refused, since whichever flag comes last would win.
//
// Network: `unshare --user --map-root-user --net --` gives the agent a new network namespace whose only
// interface (loopback) is down: no connection can be made, not even to 127.0.0.1. The user namespace is
// what lets an unprivileged driver create it; the agent sees itself as root inside, which maps back to
// the driver's own user outside.
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import { failed, type Outcome } from './outcome.ts';

export const PRLIMIT = '/usr/bin/prlimit';
export const UNSHARE = '/usr/bin/unshare';
export const UNSHARE_NET_ARGS = ['--user', '--map-root-user', '--net', '--'];

const NODE_NAMES: ReadonlySet<string> = new Set(['node', 'nodejs']);
const V8_HEAP_FLAG = /^--max[-_](old[-_]space|semi[-_]space|heap)[-_]size/;

export type SandboxLimits = { memoryLimitMb: number; isolateNetwork: boolean };

/** The argv to spawn, or BAD_CONFIG. `path` is the sandbox's PATH (not the driver's). */
export function buildSandboxCommand(command: readonly string[] | undefined, path: string | undefined, limits: SandboxLimits): { argv: string[] } | Outcome {
  const [file, ...args] = command ?? [];
  if (file === undefined || file === '') return failed('BAD_CONFIG', 'the local runtime needs executionConfig.command');
  const executable = resolveExecutable(file, path);
  if (executable === null) {
    return failed('BAD_CONFIG', file.includes('/') && !isAbsolute(file) ? `command ${file} must be an absolute path or a name on PATH` : `command ${file} is not an executable file (searched the sandbox PATH)`);
  }
  let argv: string[];
  if (NODE_NAMES.has(basename(executable))) {
    if (args.some((arg) => V8_HEAP_FLAG.test(arg))) return failed('BAD_CONFIG', 'a node command cannot set V8 heap sizes: the driver sets them from its memory limit');
    argv = [executable, ...v8HeapFlags(limits.memoryLimitMb), ...args];
  } else {
    argv = [PRLIMIT, `--as=${limits.memoryLimitMb * 1024 * 1024}`, '--', executable, ...args];
  }
  return { argv: limits.isolateNetwork ? [UNSHARE, ...UNSHARE_NET_ARGS, ...argv] : argv };
}

/** V8's heap limit is the old generation plus 3 semi-spaces; small semi-spaces keep the old one useful. */
export function v8HeapFlags(memoryLimitMb: number): string[] {
  const semiSpaceMb = Math.min(16, Math.max(1, Math.floor(memoryLimitMb / 32)));
  return [`--max-old-space-size=${memoryLimitMb - 3 * semiSpaceMb}`, `--max-semi-space-size=${semiSpaceMb}`];
}

/** execvp's lookup: a name with a slash is used as is (absolute only: the run's cwd is empty), else each PATH entry is tried. */
export function resolveExecutable(file: string, path: string | undefined): string | null {
  if (file.includes('/')) return isAbsolute(file) && isExecutableFile(file) ? file : null;
  for (const directory of (path ?? '').split(delimiter)) {
    if (!isAbsolute(directory)) continue; // relative PATH entries would resolve against the empty run directory
    const candidate = join(directory, file);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
