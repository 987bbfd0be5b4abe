// A copy made by the worker belongs to the worker's user; a program running as another user must
// own its copy to write in it (a server writes its file beside itself).
import { lchown, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Why: hands a freshly made copy to the program's user; links are changed, never followed. */
export async function ownTree(dir: string, uid: number): Promise<void> {
  await lchown(dir, uid, uid);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    await lchown(path.join(entry.parentPath ?? (entry as { path: string }).path, entry.name), uid, uid);
  }
}
