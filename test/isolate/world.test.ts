// What a program's world is made of: the system's programs and libraries, its interpreter's own
// tree when that lies elsewhere, and never sockgrade's folder.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpreterNeeds, worldOps } from '../../harness/isolate/world.ts';
import { ROOT, testFolder } from '../helpers.ts';

describe('worldOps', () => {
  it('shows /usr and the system folders read-only, or links them as this machine does', () => {
    const ops = worldOps([]);
    expect(ops).toContain('bind /usr');
    for (const top of ['/bin', '/lib']) expect(ops.some((op) => op === `bind ${top}` || op.startsWith(`link ${top} `))).toBe(true);
    expect(ops.some((op) => /^\/(home|root|tmp|work|var|run)\b/.test(op.split(' ')[1]))).toBe(false);
  });

  it('adds an interpreter tree outside them once, and no relative path or path with a newline', () => {
    const ops = worldOps(['/opt/python', '/opt/python', '/usr/lib/python3', 'relative/path', '/x\ny']);
    expect(ops.filter((op) => op === 'bind /opt/python')).toHaveLength(1);
    expect(ops).not.toContain('bind /usr/lib/python3');
    expect(ops.some((op) => op.includes('relative') || op.includes('\n'))).toBe(false);
  });
});

describe('interpreterNeeds', () => {
  it('finds an installation from its bin/, and a virtual environment with the installation it links to', () => {
    const base = testFolder('sockgrade-python-');
    mkdirSync(path.join(base, 'install', 'bin'), { recursive: true });
    writeFileSync(path.join(base, 'install', 'bin', 'python3'), '');
    mkdirSync(path.join(base, 'venv', 'bin'), { recursive: true });
    symlinkSync(path.join(base, 'install', 'bin', 'python3'), path.join(base, 'venv', 'bin', 'python3'));
    expect(interpreterNeeds([path.join(base, 'venv', 'bin', 'python3'), 'TCPServer.py'])).toEqual([path.join(base, 'venv'), path.join(base, 'install')]);
  });

  it('shows a loader inside node_modules with its whole package tree', () => {
    const loader = path.join(ROOT, 'node_modules', 'tsx', 'package.json');
    expect(interpreterNeeds([process.execPath, '--import', loader, 'server.ts'])).toContain(path.join(ROOT, 'node_modules'));
  });
});
