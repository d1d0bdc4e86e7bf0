// Starting the apps under test in their own processes (as in production), and reading their
// resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface AppProcess {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** The Node options and entry point of `npm start` (package.json), so the bench runs what it runs. */
export function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(' ');
  if (node !== 'node') throw new Error(`npm start is expected to run node, not: ${scripts.start}`);
  return args;
}

/**
 * Starts Node with `args` (an entry point relative to the project, JavaScript on plain Node as
 * `npm start` runs the built bot) and `env`; resolves once it logs its port.
 * BENCH_NODE_ARGS adds Node options, for example `--cpu-prof --cpu-prof-dir=/tmp/profiles`.
 */
export function startProcess(args: string[], env: Record<string, string>): Promise<AppProcess> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (!port) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({
        child,
        port: Number(port),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${output.slice(-2000)}`)));
  });
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/** CPU time a process has used, in milliseconds, from /proc (Linux; clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until the process has worked off what an earlier load step left it (under 10 % of a core
 * over half a second; the outbox still paces queued cards out at a message a second), so each step
 * starts from an idle app; gives up after 30 seconds, so a run stays within ten minutes.
 */
export async function waitUntilIdle(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let before = await cpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await cpuMs(pid);
    if (now - before < 50) return;
    before = now;
  }
}

/** The machine's CPU time so far (Linux /proc/stat, all cores): total and stolen by the hypervisor. */
export async function machineCpuTicks(): Promise<{ total: number; steal: number }> {
  const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: the eighth is steal.
  return { total: fields.slice(0, 8).reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

/** Share of CPU time the hypervisor gave to other machines between two readings, in percent. */
export function stealPercent(before: { total: number; steal: number }, after: { total: number; steal: number }): number {
  const total = after.total - before.total;
  return total > 0 ? (100 * (after.steal - before.steal)) / total : 0;
}
