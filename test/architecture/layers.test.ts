import { fileURLToPath } from 'node:url';
import { cruise, type IDependency, type IModule } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import graph of src/ (type-only imports included), read by dependency-cruiser offline. Layers, lowest first:
 * a file may import its own layer and the ones below, never one above. Every file of src/ belongs to a layer.
 */
const LAYERS: Array<{ name: string; paths: string[] }> = [
  { name: 'plain types and helpers', paths: ['src/chat/', 'src/text/', 'src/exposure/', 'src/domain.ts', 'src/errors.ts', 'src/log.ts', 'src/config.ts', 'src/timings.ts', 'src/telemetry/'] },
  { name: 'state and SDK wrappers', paths: ['src/store/', 'src/azure/', 'src/kube/'] },
  { name: 'grammar, understanding, cluster resolution, posture rules, the plan contract', paths: ['src/commands/', 'src/understanding/', 'src/clusters/', 'src/posture/', 'src/approvals/'] },
  { name: 'operations (plan/apply) and their domain logic', paths: ['src/operations/'] },
  { name: 'cards (templates and view models)', paths: ['src/cards/'] },
  { name: 'the approval engine', paths: ['src/engine/'] },
  { name: 'features: command handlers, capture links, digests', paths: ['src/handlers/', 'src/capture/', 'src/digest/', 'src/health/'] },
  { name: 'the bot edge and the wiring', paths: ['src/bot/', 'src/lifecycle/', 'src/palisade.ts', 'src/main.ts'] },
];
/** The sandbox workspace package: emulators that production never loads. */
const SANDBOX = /^(?:packages\/sandbox\/|node_modules\/@palisade\/sandbox\/)|^@palisade\/sandbox/;
const isSandbox = (d: IDependency) => SANDBOX.test(d.resolved) || SANDBOX.test(d.module);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function layerOf(file: string): number {
  return LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

let modules: IModule[];
beforeAll(async () => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(
      ['src'],
      { tsPreCompilationDeps: true, doNotFollow: { path: ['node_modules', '^packages/'] }, tsConfig: { fileName: 'tsconfig.json' } },
      { extensions: ['.ts', '.js'] },
    );
    if (typeof result.output === 'string') throw new Error('expected the cruise result as an object');
    modules = result.output.modules.filter((m) => m.source.startsWith('src/'));
  } finally {
    process.chdir(cwd);
  }
}, 60_000);

function edges(pick: (from: IModule, dep: IDependency) => boolean): string[] {
  return modules.flatMap((m) => m.dependencies.filter((d) => pick(m, d)).map((d) => `${m.source} → ${d.resolved}`));
}

describe('the layers of src/', () => {
  it('sees the whole tree, type imports included', () => {
    expect(modules.length).toBeGreaterThan(100);
    const palisade = modules.find((m) => m.source === 'src/palisade.ts')!;
    expect(palisade.dependencies.some((d) => d.dependencyTypes.includes('type-only'))).toBe(true);
  });

  it('has no import cycle, counting type-only imports', () => {
    const cycles = modules.flatMap((m) => m.dependencies.filter((d) => d.circular).map((d) => [m.source, ...(d.cycle ?? []).map((c) => c.name)].join(' → ')));
    expect(cycles).toEqual([]);
  });

  it('puts every file in a layer', () => {
    expect(modules.map((m) => m.source).filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('never imports a layer above', () => {
    const up = edges((m, d) => d.resolved.startsWith('src/') && layerOf(d.resolved) > layerOf(m.source));
    expect(up).toEqual([]);
  });

  it('never imports the sandbox statically (only main.ts, by dynamic import in sandbox mode)', () => {
    expect(edges((_m, d) => isSandbox(d) && !d.dynamic && !d.dependencyTypes.includes('type-only'))).toEqual([]);
    expect(edges((_m, d) => isSandbox(d))).toEqual(['src/main.ts → ' + modules.find((m) => m.source === 'src/main.ts')!.dependencies.find(isSandbox)!.resolved]);
  });

  it('keeps botbuilder in the two edge files', () => {
    const users = modules.filter((m) => m.dependencies.some((d) => d.module === 'botbuilder')).map((m) => m.source);
    expect(users.sort()).toEqual(['src/bot/server.ts', 'src/bot/teamsAdapter.ts'].filter((f) => users.includes(f)));
    expect(users.every((f) => f.startsWith('src/bot/'))).toBe(true);
  });
});
