import type { Kubectl, CommandOutput } from './kubectl.js';
import { normalise } from './contextFiles.js';
import { parseCommandLine, ShellSyntaxError } from './shell.js';

export interface ShellResult {
  exitCode: number;
  /** stdout and stderr together, as Run Command's `logs` carries them. */
  logs: string;
}

/** The few programs the Run Command image has besides kubectl that scripts lean on. */
async function exec(words: string[], stdin: string, kubectl: Kubectl, files: Map<string, string>): Promise<CommandOutput> {
  const [program, ...args] = words;
  switch (program) {
    case 'kubectl':
      return kubectl.run(args, stdin);
    case 'cat': {
      if (args.length === 0) return { code: 0, stdout: stdin, stderr: '' };
      let stdout = '';
      let stderr = '';
      for (const a of args) {
        const text = files.get(normalise(a));
        if (text === undefined) stderr += `cat: ${a}: No such file or directory\n`;
        else stdout += text;
      }
      return { code: stderr ? 1 : 0, stdout, stderr };
    }
    case 'echo':
      return { code: 0, stdout: `${args.join(' ')}\n`, stderr: '' };
    case 'true':
      return { code: 0, stdout: '', stderr: '' };
    case 'false':
      return { code: 1, stdout: '', stderr: '' };
    case 'ls':
      return { code: 0, stdout: [...files.keys()].sort().map((f) => `${f}\n`).join(''), stderr: '' };
    default:
      return { code: 127, stdout: '', stderr: `/bin/sh: 1: ${program}: not found\n` };
  }
}

/** Runs a command line as `sh -c` in the Run Command pod: `;`, `&&`, `||`, pipes; exit code of the last pipeline. */
export async function runShell(line: string, kubectl: Kubectl, files: Map<string, string>): Promise<ShellResult> {
  let steps;
  try {
    steps = parseCommandLine(line);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return { exitCode: 2, logs: `${err.message}\n` };
    throw err;
  }
  let logs = '';
  let last = 0;
  for (const step of steps) {
    if ((step.after === '&&' && last !== 0) || (step.after === '||' && last === 0)) continue;
    let stdin = '';
    for (const words of step.pipeline) {
      const r = await exec(words, stdin, kubectl, files);
      logs += r.stderr;
      stdin = r.stdout;
      last = r.code;
    }
    logs += stdin;
  }
  return { exitCode: last, logs };
}
