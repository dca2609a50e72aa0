/**
 * Global options before the command name (`iplos --config f.json check`), as `git -C` does:
 * passed on to the command, an unknown one or a missing value a usage error (exit 2).
 * Every configuration points at loopback port 9, where nothing listens.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { splitGlobalOptions } from '../../../src/cli/globalOptions';
import { CLI } from '../../helpers/cli';
import { runCliInProcess } from '../../helpers/cliInProcess';
import { tempDir } from '../../helpers/tempDir';

interface Report {
  results: { id: string; status: string; data?: Record<string, unknown> }[];
}

function tcpPort(stdout: string): unknown {
  return (JSON.parse(stdout) as Report).results.find((result) => result.id === 'tcp')?.data?.port;
}

describe('iplos global options before the command', () => {
  let dir: string;
  let config: string;
  let decoy: string;
  /** No proxy, no secrets, and IPLOS_CONFIG at the decoy: only --config names port 9. */
  let env: Record<string, string>;

  before(async () => {
    dir = await tempDir();
    config = join(dir, 'loopback.json');
    decoy = join(dir, 'decoy.json');
    const endpoints = (port: number): object => ({
      endpoints: {
        ipisTestUrl: `https://127.0.0.1:${port}/SendemodulTEST`,
        ipisProductionUrl: `https://127.0.0.1:${port}/Sendemodul`,
        ssbUrl: `https://127.0.0.1:${port}`,
      },
    });
    await writeFile(config, JSON.stringify(endpoints(9)));
    await writeFile(decoy, JSON.stringify(endpoints(7)));
    const {
      IPLOS_CONFIG: _a,
      IPLOS_SSB_PASSWORD: _b,
      HTTPS_PROXY: _c,
      https_proxy: _d,
      HTTP_PROXY: _e,
      http_proxy: _f,
      ...clean
    } = process.env as Record<string, string>;
    env = { ...clean, IPLOS_CONFIG: decoy };
  });

  function iplos(args: string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env, stdio: 'pipe' });
  }

  it('iplos --config <file> check runs the checks with that configuration (bundled dist/cli.js)', () => {
    const run = iplos(['--config', config, 'check', '--json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.results.find((result) => result.id === 'tcp')?.status, 'fail');
    assert.equal(tcpPort(run.stdout), 9);
  });

  it('iplos --config=<file> check does the same (bundled dist/cli.js)', () => {
    const run = iplos([`--config=${config}`, 'check', '--only', 'tcp', '--json']);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(tcpPort(run.stdout), 9);
  });

  it('--config without a file is a usage error', async () => {
    for (const args of [['--config'], ['--config='], ['--config', '--help', 'check']]) {
      const run = await runCliInProcess(args, env);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /--config needs a file/);
    }
  });

  it('an unknown option before the command is a usage error naming it, never echoing a value', async () => {
    const unknown = await runCliInProcess(['--verbose', 'check'], env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option "--verbose" before the command/);
    const secret = await runCliInProcess(['--key=Sv4rt-Hemmelig-42', 'encrypt', 'f.xml'], env);
    assert.equal(secret.status, 2);
    assert.match(secret.stderr, /unknown option "--key"/);
    assert.ok(!secret.stderr.includes('Sv4rt-Hemmelig-42'));
  });

  it('--help before the command: the overview shows the global options; with a command, its help', async () => {
    const overview = await runCliInProcess(['--help'], env);
    assert.equal(overview.status, 0);
    assert.match(overview.stdout, /Usage: iplos \[--config <file>\] \[--lang nb\|en\] <command> \[options\]/);
    const checkHelp = await runCliInProcess(['-h', 'check'], env);
    assert.equal(checkHelp.status, 0);
    assert.match(checkHelp.stdout, /^iplos check \[--only/);
    const noCommand = await runCliInProcess(['--config', config], env);
    assert.equal(noCommand.status, 2, 'options but no command');
    assert.match(noCommand.stdout, /Commands:/);
  });

  it('a --config written after the command wins over one before it', async () => {
    const run = await runCliInProcess(['--config', decoy, 'check', '--only', 'tcp', '--json', '--config', config], env);
    assert.equal(tcpPort(run.stdout), 9, run.stderr);
  });

  it('passes the options on after the command’s own arguments, before a "--"', () => {
    assert.deepEqual(splitGlobalOptions(['--config', 'f.json', 'feedback', 'list', '--new']), {
      name: 'feedback',
      args: ['list', '--new', '--config=f.json'],
      help: false,
      language: undefined,
    });
    assert.deepEqual(splitGlobalOptions(['--config=a=b.json', '-h', 'send', 'x.xml', '--', '-y.xml']), {
      name: 'send',
      args: ['x.xml', '--config=a=b.json', '--help', '--', '-y.xml'],
      help: true,
      language: undefined,
    });
    assert.deepEqual(splitGlobalOptions(['--lang', 'nb', '--config', 'f.json', 'check', '--lang=en']), {
      name: 'check',
      args: ['--lang=en', '--config=f.json'],
      help: false,
      language: 'nb',
    });
    assert.deepEqual(splitGlobalOptions(['check', '--config', 'f.json']), {
      name: 'check',
      args: ['--config', 'f.json'],
      help: false,
      language: undefined,
    });
  });
});
