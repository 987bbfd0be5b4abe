// Spec files become a typed Spec or one SpecError pointing into the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, type Node } from 'yaml';
import { labs } from '../checks/labs.ts';
import { validateAgainstSchema, type SchemaNode } from './validate.ts';
import { DEFAULT_LIMITS, PLACEHOLDERS, type Limits, type Spec } from './types.ts';

export const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
const schema: SchemaNode = JSON.parse(readFileSync(path.join(SPECS_DIR, 'spec.schema.json'), 'utf8'));

/** A problem with a spec file, already phrased as `file:line:col: message`. */
export class SpecError extends Error {}

/** Why: `--spec tcp-uppercase` means the bundled spec; anything with a slash or .yaml is a path. */
export function resolveSpecPath(nameOrPath: string): string {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
  if (looksLikePath) return nameOrPath;
  const bundled = path.join(SPECS_DIR, `${nameOrPath}.yaml`);
  try {
    statSync(bundled);
    return bundled;
  } catch {
    throw new SpecError(`no bundled spec named "${nameOrPath}" (bundled: ${bundledSpecNames().join(', ')}); pass a path to use your own`);
  }
}

/** Why: --help and error messages list what can be graded. */
export function bundledSpecNames(): string[] {
  return readdirSync(SPECS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

function parseDuration(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s)$/.exec(text);
  return m ? Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1)) : undefined;
}

/** Why: `512MiB` in a spec or on the command line; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^([0-9]+)(B|KiB|MiB|GiB)$/.exec(text);
  return m ? Number(m[1]) * { B: 1, KiB: 1024, MiB: 1 << 20, GiB: 1 << 30 }[m[2] as 'B'] : undefined;
}

function formatSize(bytes: number): string {
  for (const [unit, factor] of [['GiB', 1 << 30], ['MiB', 1 << 20], ['KiB', 1024]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes}B`;
}

const SIZES: (keyof Limits)[] = ['output', 'memory', 'fileSize', 'disk'];

/** Why: a limit written back the way a spec or --limit writes it (`512MiB`, `1.5s`, `64`). */
export function formatLimit(key: keyof Limits, value: number): string {
  if (key === 'processes' || key === 'openFiles') return String(value);
  if (SIZES.includes(key)) return formatSize(value);
  return `${value / 1000}s`;
}

/** Why: one parser for each limit, whether it comes from a spec file or from --limit. */
export function parseLimit(key: keyof Limits, value: string | number): number | undefined {
  if (key === 'processes' || key === 'openFiles') return Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined;
  if (SIZES.includes(key)) return parseSize(String(value));
  return parseDuration(String(value));
}

/** Why: the one entry point from a spec file to a Spec; every failure is a SpecError. */
export function loadSpec(nameOrPath: string): Spec {
  const file = resolveSpecPath(nameOrPath);
  const shown = path.relative(process.cwd(), file) || file;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(`${shown}: cannot read spec (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code})`);
  }

  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new SpecError(`${at(first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const problems = validateAgainstSchema(schema, doc);
  if (problems.length > 0) {
    const p = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new SpecError(`${at(p.offset)}: ${p.path} ${p.message}${more}`);
  }

  checkPlaceholders(doc, at);
  const raw = doc.toJS() as any;
  const checkNodes = (doc.get('checks') as any).items as Node[];
  const positionOf = (node: Node | undefined) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { file: shown, line, column: col };
  };
  const limits: Limits = { ...DEFAULT_LIMITS };
  // The schema has checked every value's form already.
  for (const [key, value] of Object.entries<string>(raw.limits ?? {})) limits[key as keyof Limits] = parseLimit(key as keyof Limits, value)!;
  const spec: Spec = {
    name: raw.name,
    title: raw.title,
    description: raw.description ?? '',
    lab: raw.lab,
    transport: raw.transport,
    handoutPort: raw.handoutPort,
    portFromArguments: raw.portFromArguments ?? false,
    programs: Object.fromEntries(
      Object.entries<any>(raw.programs).map(([role, p]) => [role, { file: p.file, args: p.args, stdin: p.stdin ?? '{input}', ...(p.env ? { env: p.env } : {}) }]),
    ),
    limits,
    checks: raw.checks.map((c: any, i: number) => ({ id: c.id, title: c.title, points: c.points, position: positionOf(checkNodes[i]) })),
    file: shown,
  };
  checkAgainstLab(spec, checkNodes, at);
  return spec;
}

// A misspelt placeholder would reach the student's program as literal text; catch it here.
function checkPlaceholders(doc: ReturnType<typeof parseDocument>, at: (offset: number) => string): void {
  const programs = doc.get('programs') as any;
  for (const pair of programs?.items ?? []) {
    const role = String(pair.key);
    const args = (pair.value.get('args', true)?.items ?? []).map((node: Node, i: number) => [`programs.${role}.args[${i}]`, node] as const);
    const stdin = pair.value.get('stdin', true);
    for (const [where, node] of stdin ? [...args, [`programs.${role}.stdin`, stdin] as const] : args) {
      for (const [, name] of String((node as any).value).matchAll(/\{(\w+)\}/g)) {
        if (!Object.hasOwn(PLACEHOLDERS, name)) {
          throw new SpecError(`${at(node.range?.[0] ?? 0)}: ${where} uses unknown placeholder {${name}} (known: ${Object.keys(PLACEHOLDERS).map((k) => `{${k}}`).join(', ')})`);
        }
      }
    }
  }
}

// What the schema cannot know: which check ids the lab implements and what each one needs.
function checkAgainstLab(spec: Spec, checkNodes: Node[], at: (offset: number) => string): void {
  const lab = labs[spec.lab];
  const seen = new Set<string>();
  spec.checks.forEach((check, i) => {
    const node = checkNodes[i];
    const idNode = isMap(node) ? (node.get('id', true) as Node) : node;
    const where = at(idNode?.range?.[0] ?? 0);
    const def = Object.hasOwn(lab, check.id) ? lab[check.id] : undefined;
    if (!def) throw new SpecError(`${where}: checks[${i}].id "${check.id}" is not a check of lab ${spec.lab} (known: ${Object.keys(lab).join(', ')})`);
    if (seen.has(check.id)) throw new SpecError(`${where}: checks[${i}].id "${check.id}" appears twice`);
    seen.add(check.id);
    if (def.transports && !def.transports.includes(spec.transport)) {
      throw new SpecError(`${where}: checks[${i}].id "${check.id}" applies only to ${def.transports.join('/')} labs, this spec is ${spec.transport}`);
    }
    for (const role of def.roles) {
      if (!spec.programs[role]) throw new SpecError(`${where}: checks[${i}] "${check.id}" needs a ${role} program, but programs.${role} is not declared`);
    }
  });
}
