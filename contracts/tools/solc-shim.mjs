// A stand-in for the native `solc` binary, speaking the two parts of its CLI that forge uses:
// `--version` and `--standard-json` (JSON on stdin, JSON on stdout). Imports that forge did not
// inline are resolved against the --base-path / --include-path / --allow-paths it passes.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version')) {
  // forge parses the second line: "Version: 0.8.x+commit.<hash>.<platform>"
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc shim: only --version and --standard-json are supported\n');
  process.exit(2);
}

/** Every directory an import may be found under, in the order solc itself searches. */
const roots = [];
for (let i = 0; i < args.length; i++) {
  const flag = args[i];
  if (flag === '--base-path' || flag === '--include-path') roots.push(args[++i]);
  else if (flag === '--allow-paths') roots.push(...args[++i].split(','));
}
if (roots.length === 0) roots.push(process.cwd());

function findImports(path) {
  const candidates = isAbsolute(path) ? [path] : roots.map((root) => resolve(root, path));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return { contents: readFileSync(candidate, 'utf8') };
  }
  return { error: `File not found: ${path} (searched ${roots.join(', ')})` };
}

const input = readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
