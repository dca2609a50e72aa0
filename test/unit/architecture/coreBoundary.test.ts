import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';

// src/core is shared by the extension, the CLI and the tests, so it must never need VS Code.
// ESLint enforces this too (no-restricted-imports); this test keeps it true without lint.
it('no module under src/core imports vscode', async () => {
  const root = join(__dirname, '..', '..', '..', 'src', 'core');
  const files = (await readdir(root, { recursive: true })).map(String).filter((name) => name.endsWith('.ts'));
  assert.ok(files.length > 5, 'found the core modules');
  const offenders: string[] = [];
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    if (/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(text))
      offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
