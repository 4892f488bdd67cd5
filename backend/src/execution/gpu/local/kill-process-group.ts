// Agents are spawned detached (a new session, so a new process group led by the agent): killing the
// group also kills whatever the agent started, unless it left the group itself (setsid), which a process
// group cannot prevent (a cgroup could; this driver does not use one).

/** SIGKILLs the process group led by `pid`. Returns false when nothing was left to kill. */
export function killProcessGroup(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    // ESRCH: the group is already gone. EPERM cannot happen for a group we spawned as the same user.
    return false;
  }
}
