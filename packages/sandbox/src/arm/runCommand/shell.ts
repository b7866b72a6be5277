import { parse, type ParseEntry } from 'shell-quote';

/** One pipeline (`a | b`) and how it joins the previous one (`;`, `&&`, `||`). */
export interface ShellStep {
  after: ';' | '&&' | '||';
  pipeline: string[][];
}

export class ShellSyntaxError extends Error {}

/**
 * Splits a command line as `sh -c` would: quoting and escapes by shell-quote, `;`/`&&`/`||` between pipelines,
 * `|` inside one. Variables stay literal (the pod's environment is not modelled); redirections are dropped.
 */
export function parseCommandLine(line: string): ShellStep[] {
  const entries: ParseEntry[] = parse(line, (name) => `$${name}`);
  const steps: ShellStep[] = [];
  let after: ShellStep['after'] = ';';
  let pipeline: string[][] = [];
  let words: string[] = [];
  const endCommand = () => {
    if (words.length === 0) throw new ShellSyntaxError(`sh: 1: Syntax error: "|" unexpected`);
    pipeline.push(words);
    words = [];
  };
  const endPipeline = (next: ShellStep['after']) => {
    if (words.length === 0 && pipeline.length === 0) {
      if (next === ';' && steps.length === 0 && pipeline.length === 0) return; // a leading `;` is harmless
      throw new ShellSyntaxError(`sh: 1: Syntax error: "${next}" unexpected`);
    }
    endCommand();
    steps.push({ after, pipeline });
    pipeline = [];
    after = next;
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e === 'string') {
      words.push(e);
      continue;
    }
    if ('comment' in e) break;
    if (e.op === 'glob') {
      words.push(e.pattern);
    } else if (e.op === '|') {
      endCommand();
    } else if (e.op === '&&' || e.op === '||' || e.op === ';') {
      endPipeline(e.op);
    } else if (e.op === '>' || e.op === '>>' || e.op === '>&' || e.op === '<') {
      // `2>&1`, `>/dev/null`: the fd digit before and the target after are part of the redirection
      if (/^\d$/.test(words.at(-1) ?? '')) words.pop();
      i += 1;
    } else {
      throw new ShellSyntaxError(`sh: 1: Syntax error: "${e.op}" unexpected`);
    }
  }
  if (words.length > 0 || pipeline.length > 0) endPipeline(';');
  return steps;
}
