// The bot as `npm start` runs it: the built entry point on plain Node, in a process of its own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function buildBot(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
}

/** Starts dist/main.js (killed by the cleanup it adds to `stops`); resolves with the process and its HTTP port. */
export function startBotProcess(stops: (() => Promise<unknown>)[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  stops.push(async () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.on('exit', (code) => reject(new Error(`the bot process exited (${code}): ${output}`)));
  });
}
