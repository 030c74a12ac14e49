// Packs the package as `npm publish` would and installs the tarball into a folder where the
// runtimes can load it, as scripts/test-package.mjs packs it: from a copy of the source tree
// without dist/, so that it is `prepack` that builds the dist/ the tarball ships. Unlike that
// script it needs no git: the copy leaves out what .gitignore names (folders and `*.ext`
// patterns, the only forms it uses) and .git itself, so it also runs from an unpacked source.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a command; a failure shows its output. */
export async function run(command, args, cwd) {
  try {
    return (await execFileAsync(command, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`, {
      cause: error,
    });
  }
}

/** A filter for cpSync: false for .git and for what .gitignore names. */
function sourceFilter(root) {
  const patterns = readFileSync(path.join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\/$/, ''));
  const names = new Set(['.git', ...patterns.filter((pattern) => !pattern.includes('*'))]);
  const suffixes = patterns.filter((pattern) => /^\*\.[\w.-]+$/.test(pattern)).map((pattern) => pattern.slice(1));
  return (source) => {
    const name = path.basename(source);
    return !names.has(name) && !suffixes.some((suffix) => name.endsWith(suffix));
  };
}

/**
 * Copies the source tree of `root` into `workDir`/source, packs it there (which runs prepack) and
 * returns the tarball's path.
 */
export async function packSource(root, workDir) {
  const source = path.join(workDir, 'source');
  const packed = path.join(workDir, 'packed');
  mkdirSync(packed);
  cpSync(root, source, { recursive: true, filter: sourceFilter(root) });
  // The build needs the dev dependencies; linked, not installed again.
  symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  await run('npm', ['pack', '--silent', '--pack-destination', packed], source);
  const [tarball, ...more] = readdirSync(packed);
  if (tarball === undefined || more.length > 0) throw new Error(`npm pack made ${readdirSync(packed).join(', ')}`);
  return path.join(packed, tarball);
}

/**
 * Installs the tarball as `node_modules/<name>` of `appDir` by unpacking it: the package has no
 * dependencies, so this is what `npm install <tarball>` leaves, without a registry. Returns the
 * package's folder.
 */
export async function unpackInto(tarball, appDir, name) {
  const folder = path.join(appDir, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1'], appDir);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const dependencies = Object.keys(manifest.dependencies ?? {});
  if (dependencies.length > 0) {
    throw new Error(`the package has runtime dependencies (${dependencies.join(', ')}); this tier installs none`);
  }
  return folder;
}
