// Self time of a V8 .cpuprofile by package (node_modules/<pkg>), Palisade file or node internals:
// `node scripts/cpuprofile-summary.mjs <file.cpuprofile> [top=15] [fromMs] [toMs]`. Used for BENCHMARKS.md's profile.
import fs from 'node:fs';

const [file, topArg = '15', fromArg, toArg] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
function bucket(n) {
  const url = n.callFrame.url || '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (/\/(src|dist)\//.test(url)) return `palisade ${url.replace(/.*\/(src|dist)\//, '$1/')}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return n.callFrame.functionName ? `(${n.callFrame.functionName})` : '(other)';
}
const from = fromArg ? Number(fromArg) * 1000 : -Infinity;
const to = toArg ? Number(toArg) * 1000 : Infinity;
const totals = new Map();
let t = p.startTime;
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  const rel = t - p.startTime;
  if (rel < from || rel > to) continue;
  const dt = p.timeDeltas[i + 1] ?? 0;
  const b = bucket(byId.get(p.samples[i]));
  totals.set(b, (totals.get(b) ?? 0) + dt);
  total += dt;
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg));
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms\n`);
for (const [k, v] of rows) process.stdout.write(`${(v / 1000).toFixed(1).padStart(8)} ms  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
