// The nice value as the kernel keeps it (/proc/self/stat), in a child process of its own: a process cannot
// raise its priority again once lowered, so the test's own process is left alone.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lowerProcessPriority } from './process-priority.ts';

/** Runs lowerProcessPriority for each niceness in turn in a child Node process; answers what the calls
 *  returned and the nice value the kernel shows for that child in /proc/self/stat (field 19). */
function inChild(...nicenesses: number[]): { returned: number[]; procNice: number } {
  const script = `
    import { readFileSync } from 'node:fs';
    import { lowerProcessPriority } from ${JSON.stringify(new URL('./process-priority.ts', import.meta.url).href)};
    const returned = ${JSON.stringify(nicenesses)}.map((niceness) => lowerProcessPriority(niceness));
    process.stdout.write(JSON.stringify(returned) + '\\n' + readFileSync('/proc/self/stat', 'utf8'));`;
  const [returned, stat] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).split('\n') as [string, string];
  return { returned: JSON.parse(returned) as number[], procNice: niceOf(stat) };
}

const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

/** The nice value of each thread of `pid`, as the kernel keeps it (/proc/<pid>/task/<tid>/stat). */
const threadNices = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => niceOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));

test('lowers the priority to the nice value asked, as the kernel sees it', () => {
  assert.deepEqual(inChild(10), { returned: [10], procNice: 10 });
});

test('lowers every thread of the process, not only the main one (Linux keeps a nice value per thread)', () => {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { lowerProcessPriority } from ${JSON.stringify(new URL('./process-priority.ts', import.meta.url).href)};
    lowerProcessPriority(11);
    const nice = (tid) => { const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); };
    process.stdout.write(JSON.stringify(readdirSync('/proc/self/task').map(nice)));`;
  const nices = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as number[];
  // Node starts V8's worker threads before any of its code runs: a main-thread-only renice leaves them at 0.
  assert.ok(nices.length > 1, `a Node process has several threads (got ${nices.length})`);
  assert.deepEqual(nices, nices.map(() => 11));
});

test('lowers another process, every thread of it (as the benchmark does for the L3 node it starts)', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await once(child, 'spawn');
    await new Promise((resolve) => setTimeout(resolve, 200)); // its runtime has started its threads
    assert.ok(threadNices(child.pid!).some((nice) => nice < 13));
    assert.equal(lowerProcessPriority(13, child.pid!), 13);
    assert.deepEqual(threadNices(child.pid!), threadNices(child.pid!).map(() => 13));
  } finally {
    child.kill();
  }
});

test('never raises it again: a lower nice value afterwards keeps the higher one', () => {
  assert.deepEqual(inChild(12, 5, 0), { returned: [12, 12, 12], procNice: 12 });
});

test('0 leaves a normal process as it is', () => {
  const before = niceOf(readFileSync('/proc/self/stat', 'utf8'));
  assert.deepEqual(inChild(0), { returned: [before], procNice: before });
});

test('refuses what is not a nice value', () => {
  for (const bad of [-1, 20, 1.5, Number.NaN]) assert.throws(() => lowerProcessPriority(bad), RangeError, String(bad));
});
