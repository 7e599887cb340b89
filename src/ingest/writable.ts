import fs from 'node:fs';
import path from 'node:path';
import { FriendlyError } from '../errors.ts';

export class IndexDirError extends FriendlyError {
  override name = 'IndexDirError';
}

/** Kernel and device file systems: they accept some operations and loop or hang on others. */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

const under = (dir: string, root: string) => dir === root || dir.startsWith(`${root}/`);

/**
 * Makes sure the index folder exists and can be written, before any work goes into building an index.
 * Creates missing folders one level at a time (Node's recursive mkdir spins forever under /proc) and
 * writes and removes a probe file. Throws an IndexDirError that says what to change.
 */
export function ensureWritableDir(dir: string, setting = 'INDEX_DIR'): void {
  const fail = (why: string): never => {
    throw new IndexDirError(
      `${setting}=${dir} can't hold the index: ${why}. Set ${setting} to a folder you can write to.`,
    );
  };
  const absolute = path.resolve(dir);
  // The nearest part of the path that exists decides: a file, a read-only or virtual file system.
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      fs.lstatSync(existing);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') fail('part of that path is a file, not a folder');
      if (code !== 'ENOENT') fail(`it can't be checked (${code})`);
      missing.unshift(path.basename(existing));
      const parent = path.dirname(existing);
      if (parent === existing) fail('no part of that path exists');
      existing = parent;
    }
  }
  let real: string;
  try {
    real = fs.realpathSync(existing);
  } catch (error) {
    return fail(`it can't be resolved (${(error as NodeJS.ErrnoException).code})`);
  }
  if (VIRTUAL_ROOTS.some((root) => under(real, root))) fail(`${real} is a system (virtual) file system`);
  if (!fs.statSync(real).isDirectory()) fail(`${existing} is a file, not a folder`);
  let current = real;
  for (const part of missing) {
    current = path.join(current, part);
    try {
      fs.mkdirSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        fail(
          `the folder ${current} can't be created (${code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied or read-only' : code})`,
        );
    }
  }
  if (!fs.statSync(current).isDirectory()) fail(`${current} is a file, not a folder`);
  const probe = path.join(current, `.write-test-${process.pid}-${Date.now()}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      `${current} is not writable (${code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied or read-only' : code})`,
    );
  }
}
