// Offline checks of what CI cannot build (no Bicep compiler, no Docker engine): the obvious mistakes a reader would catch.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INFRA = path.join(ROOT, 'infra');
const read = (p: string) => fs.readFileSync(p, 'utf8');

function bicepFiles(dir = INFRA): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? bicepFiles(p) : e.name.endsWith('.bicep') ? [p] : [];
  });
}

/** The text with comments and string contents blanked (quotes kept), so brace counting and keyword matching see code only. */
function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text[i] === "'") {
      out += "'";
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\') i++;
        else if (text.startsWith('${', i)) {
          // interpolation: keep the expression, it is code
          const end = text.indexOf('}', i);
          out += text.slice(i, end + 1);
          i = end;
        }
        i++;
      }
      out += "'";
      i++;
    } else {
      out += text[i++];
    }
  }
  return out;
}

interface Param {
  name: string;
  hasDefault: boolean;
  described: boolean;
}

function paramsOf(file: string): Param[] {
  const lines = read(file).split('\n');
  const out: Param[] = [];
  lines.forEach((line, i) => {
    const m = /^param (\w+) \S+(.*)$/.exec(line);
    if (!m) return;
    let j = i - 1;
    let described = false;
    // Decorators sit right above the param (some span several lines, e.g. @allowed([...])): up to the blank line
    while (j >= 0 && lines[j].trim() !== '') {
      if (lines[j].startsWith('@description(')) described = true;
      j--;
    }
    out.push({ name: m[1], hasDefault: /=/.test(m[2]), described });
  });
  return out;
}

/** `module <name> '<path>' = … { … params: { k: v … } }`: each module's path and the parameter names it passes. */
function modulesOf(file: string): Array<{ name: string; path: string; passed: string[] }> {
  const code = codeOnly(read(file));
  const raw = read(file);
  const out: Array<{ name: string; path: string; passed: string[] }> = [];
  for (const m of raw.matchAll(/^module (\w+) '([^']+)'/gm)) {
    const start = code.indexOf('params:', code.indexOf(`module ${m[1]} `));
    const open = code.indexOf('{', start);
    let depth = 0;
    let k = open;
    const passed: string[] = [];
    for (; k < code.length; k++) {
      if (code[k] === '{' || code[k] === '[' || code[k] === '(') depth++;
      if (code[k] === '}' || code[k] === ']' || code[k] === ')') depth--;
      if (depth === 0) break;
      if (depth === 1 && code[k] === '\n') {
        const key = /^\s*(\w+):/.exec(code.slice(k + 1, code.indexOf('\n', k + 1)));
        if (key) passed.push(key[1]);
      }
    }
    out.push({ name: m[1], path: m[2], passed });
  }
  return out;
}

describe('infra/*.bicep (not compiled in CI: checked offline)', () => {
  const files = bicepFiles();

  it('has the main template and its modules', () => {
    expect(files.map((f) => path.relative(INFRA, f)).sort()).toEqual(
      expect.arrayContaining(['main.bicep', 'modules/bot.bicep', 'modules/containerApp.bicep', 'modules/identity.bicep', 'modules/role.bicep', 'modules/storage.bicep']),
    );
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: brackets balance, every loadJsonContent/module path exists, every resource has an API version', (_rel, file) => {
    const code = codeOnly(read(file));
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']]) expect(code.split(open).length, `${open}${close}`).toBe(code.split(close).length);
    for (const m of read(file).matchAll(/load(?:Json|Text|YamlContent|Content)\w*\('([^']+)'/g)) expect(fs.existsSync(path.resolve(path.dirname(file), m[1])), m[1]).toBe(true);
    for (const m of read(file).matchAll(/^module \w+ '([^']+)'/gm)) expect(fs.existsSync(path.resolve(path.dirname(file), m[1])), m[1]).toBe(true);
    for (const m of read(file).matchAll(/^resource \w+ '([^']+)'/gm)) expect(m[1], 'type@api-version').toMatch(/^[A-Za-z.]+\/[A-Za-z/]+@\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('every parameter is described, and every main.bicep parameter is in docs/deploy.md', () => {
    const doc = read(path.join(ROOT, 'docs/deploy.md'));
    for (const file of files) for (const p of paramsOf(file)) expect(p.described, `${path.relative(ROOT, file)}: param ${p.name}`).toBe(true);
    for (const p of paramsOf(path.join(INFRA, 'main.bicep'))) expect(doc, `docs/deploy.md documents ${p.name}`).toContain(`\`${p.name}\``);
  });

  it('modules get exactly parameters they declare, and every required one', () => {
    for (const file of files) {
      for (const mod of modulesOf(file)) {
        const declared = paramsOf(path.resolve(path.dirname(file), mod.path));
        const names = declared.map((d) => d.name);
        for (const p of mod.passed) expect(names, `${mod.name} passes ${p}`).toContain(p);
        for (const d of declared.filter((x) => !x.hasDefault)) expect(mod.passed, `${mod.name} needs ${d.name}`).toContain(d.name);
      }
    }
  });

  it('the custom role comes from infra/palisade-role.json, the file the ARM emulator enforces', () => {
    const role = read(path.join(INFRA, 'modules/role.bicep'));
    expect(role).toContain("loadJsonContent('../palisade-role.json')");
    expect(role).toMatch(/permissions: role\.permissions/);
    expect(read(path.join(INFRA, 'modules/roleAssignment.bicep'))).toMatch(/principalType: 'ServicePrincipal'/);
  });

  it('storage allows no shared keys and gives the identity a data-plane role; the bot is UserAssignedMSI with Teams', () => {
    const storage = read(path.join(INFRA, 'modules/storage.bicep'));
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(storage).toContain('ba92f5b4-2d11-453d-a403-e96b0029c9fe'); // Storage Blob Data Contributor
    const bot = read(path.join(INFRA, 'modules/bot.bicep'));
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/MsTeamsChannel/);
  });

  it('every environment variable the container app sets is one Palisade knows (.env.example documents it)', () => {
    const app = read(path.join(INFRA, 'modules/containerApp.bicep'));
    const example = read(path.join(ROOT, '.env.example'));
    const names = [...app.matchAll(/name: '([A-Za-z_][A-Za-z0-9_]*)'\s*(?:,|\n)\s*(?:value|secretRef)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(example, `.env.example documents ${n}`).toMatch(new RegExp(`^#?\\s*${n}=`, 'm'));
    expect(app).toContain("path: '/readyz'");
    expect(app).toContain("path: '/healthz'");
  });
});

describe('Dockerfile', () => {
  const dockerfile = read(path.join(ROOT, 'Dockerfile'));
  const ignored = read(path.join(ROOT, '.dockerignore')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));

  it('runs node dist/main.js as a non-root user on Node 24, with the data dir as a volume and a health check', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const dataDir = /PALISADE_DATA_DIR=(\S+)/.exec(dockerfile)?.[1];
    expect(dockerfile).toContain(`VOLUME ["${dataDir}"]`);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('copies only files that exist and that .dockerignore lets through; the runtime stage gets no packages/sandbox', () => {
    const stages = dockerfile.split(/^FROM /m);
    const runtime = stages.find((s) => /AS runtime\s*$/m.test(s.split('\n')[0]))!;
    expect(runtime).not.toContain('packages/sandbox');
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1].split(/\s+/)) {
        expect(fs.existsSync(path.join(ROOT, src)), src).toBe(true);
        const top = src.split('/')[0];
        expect(ignored, `${src} is excluded by .dockerignore`).not.toContain(top);
      }
    }
  });
});
