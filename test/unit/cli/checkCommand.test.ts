/**
 * `iplos check` works with the selected municipality (the active one, else the only one),
 * never the first of several. Everything points at loopback, port 9, where nothing listens.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { tempDir } from '../../helpers/tempDir';

const LOOPBACK = {
  ipisTestUrl: 'https://127.0.0.1:9/SendemodulTEST',
  ipisProductionUrl: 'https://127.0.0.1:9/Sendemodul',
  ssbUrl: 'https://127.0.0.1:9',
};

async function configFile(content: object): Promise<string> {
  const path = join(await tempDir(), 'iplos.config.json');
  await writeFile(path, JSON.stringify({ endpoints: LOOPBACK, ...content }));
  return path;
}

interface Report {
  results: { id: string; status: string; detail: string; data?: Record<string, unknown> }[];
}

describe('iplos check and the municipality', () => {
  const municipalities = [
    { number: '0403', name: 'Hamar', ssbUsername: 'postmottak@hamar.kommune.no' },
    { number: '3403', name: 'Hamar', ssbUsername: 'postmottak@nye-hamar.kommune.no' },
  ];

  it('with several municipalities and none active, signs in as none of them', async () => {
    const config = await configFile({ municipalities });
    const run = await runCliInProcess(['check', '--only', 'ssb-login', '--json', '--config', config], {
      IPLOS_SSB_PASSWORD: 'Sandkasse-0403',
    });
    const [login] = (JSON.parse(run.stdout) as Report).results;
    assert.equal(login?.status, 'skip', run.stdout);
    assert.equal(run.status, 0);
  });

  it('with one active, signs in as that one', async () => {
    const config = await configFile({ municipalities, activeMunicipality: '3403' });
    const run = await runCliInProcess(['check', '--only', 'ssb-login', '--json', '--config', config], {
      IPLOS_SSB_PASSWORD: 'Sandkasse-0403',
    });
    const [login] = (JSON.parse(run.stdout) as Report).results;
    assert.equal(login?.status, 'fail', 'nothing listens on 127.0.0.1:9');
    assert.equal(login?.data?.username, 'postmottak@nye-hamar.kommune.no');
    assert.ok(!run.stdout.includes('Sandkasse-0403'), 'the password is not echoed');
    assert.equal(run.status, 1);
  });
});
