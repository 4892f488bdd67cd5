// Whether an agent that failed most likely died of its memory limit. Nothing tells a process "you hit
// RLIMIT_AS": allocations just fail (malloc returns NULL, mmap ENOMEM) and each runtime reacts its own
// way. The heuristic, applied only to runs the driver did not stop itself (timeout, cancel, oversized
// output) and that did not exit 0:
// - killed by SIGABRT: V8 (heap limit reached), glibc, Rust and C++ (std::bad_alloc) abort on a failed
//   allocation;
// - killed by SIGSEGV: a stack or mmap that cannot grow under RLIMIT_AS faults (a plain bug does too,
//   but both are the agent's fault and neither is retryable: only the message differs);
// - killed by SIGKILL that the driver did not send: the kernel OOM killer is the usual sender;
// - or the end of stderr says so in one of the words runtimes use (V8 "heap out of memory", Perl "Out of
//   memory!", Go "runtime: out of memory", Python "MemoryError", strerror(ENOMEM) "Cannot allocate
//   memory", Rust "memory allocation of N bytes failed", C++ "std::bad_alloc").
// It can misfire both ways (an agent that prints "out of memory" for its own reasons; one that catches
// ENOMEM and exits 1 quietly), which is why only the failure's label depends on it, never retries.

const MEMORY_SIGNALS: ReadonlySet<string> = new Set(['SIGABRT', 'SIGSEGV', 'SIGKILL']);
const MEMORY_MESSAGES = /out of memory|cannot allocate memory|MemoryError|memory allocation of \d+ bytes failed|std::bad_alloc|allocation failed/i;
/** Only the end of stderr is searched: the runtime's last words are there, the agent's own chatter before. */
const STDERR_TAIL_CHARS = 4096;

export type AgentExit = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

export function diedOfMemoryLimit(exit: AgentExit): boolean {
  if (exit.code === 0) return false;
  if (exit.signal !== null && MEMORY_SIGNALS.has(exit.signal)) return true;
  return MEMORY_MESSAGES.test(exit.stderr.slice(-STDERR_TAIL_CHARS));
}
