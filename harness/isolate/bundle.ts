// A worker starts for every check. Loading the TypeScript sources through tsx costs ~0.4s and 95MB
// per start; one bundled file (built by esbuild, tsx's own compiler) ~0.07s and 45MB. The bundle is
// rebuilt whenever a source changes, and the tsx entry is used wherever it cannot be written.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// At the same depth as the sources, so their paths relative to import.meta.url still hold.
const OUT_DIR = path.join(ROOT, 'harness', '.bundle');
const TSX_ENTRY = path.join(ROOT, 'harness', 'isolate', 'worker.js');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : sources(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [...sources(path.join(ROOT, 'harness')), ...sources(path.join(ROOT, 'reference')), path.join(ROOT, 'package-lock.json')].sort()) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Why: the file a worker process is started from; built at most once per change of the sources. */
export async function workerScript(): Promise<string> {
  if (process.env.SOCKGRADE_WORKER_TSX) return TSX_ENTRY;
  try {
    const name = `worker-${fingerprint()}.mjs`;
    const out = path.join(OUT_DIR, name);
    if (existsSync(out)) return out;
    mkdirSync(OUT_DIR, { recursive: true });
    const partial = `${out}.${process.pid}.tmp`;
    const { build } = await import('esbuild');
    await build({
      stdin: { contents: "import { serveOneCheck } from './worker.ts';\nawait serveOneCheck(process.argv[2]);\n", resolveDir: path.join(ROOT, 'harness', 'isolate'), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: partial,
      // Bundled CommonJS dependencies still call require().
      banner: { js: "import { createRequire as __sockgradeRequire } from 'node:module'; const require = __sockgradeRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    // Renamed into place whole: parallel runs may build the same bundle at once.
    renameSync(partial, out);
    // Older bundles go once no run can still be using them (a run lasts minutes, not a day).
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const old of readdirSync(OUT_DIR)) {
      const file = path.join(OUT_DIR, old);
      if (old !== name && (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < dayAgo) rmSync(file, { force: true });
    }
    return out;
  } catch {
    return TSX_ENTRY;
  }
}
