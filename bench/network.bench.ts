// `npm run bench:network -- [--size <MiB>] [--runs <n>] [--only <operation,…>] [--workdir <dir>] [--cpu-prof <dir>]`
//
// Throughput of the IPIS upload and the SSB download against curl on the same sandbox
// endpoint and file (whole processes timed by GNU time, alternating order), and download +
// verify + decrypt against curl + 7zz x. Prints medians, ratios (target ≥ 0.9× curl
// throughput, i.e. time ≤ 1.11×) and peak RSS (bounded whatever the size). `--cpu-prof`
// runs each chosen operation of ours once more under `node --cpu-prof` (not timed) and
// prints its top self-time functions.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { encryptArchive } from '../src/core/archive';
import { startSandbox } from '../test/sandbox/server';
import { writeExtract } from '../test/fixtures/extractGenerator';
import { topSelfTime } from './cpuProfile';
import { median } from './measure';

const REPO = resolve(__dirname, '..');
const MiB = 1024 * 1024;

interface Sample {
  seconds: number;
  /** User + kernel CPU seconds: on a loaded machine, what the process itself cost. */
  cpuSeconds: number;
  rssMiB: number;
}

/** Times a whole process with GNU time. Asynchronous: the sandbox serves from this process. */
function timed(command: string, args: string[]): Promise<Sample> {
  return new Promise((resolveSample, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (status) => {
      if (status !== 0)
        return reject(new Error(`${command} failed (${status}):\n${stderr.split('\n').slice(-12).join('\n')}`));
      const [seconds, user, system, rss] = (stderr.trim().split('\n').at(-1) ?? '').split(' ');
      resolveSample({
        seconds: Number(seconds),
        cpuSeconds: Number(user) + Number(system),
        rssMiB: Number(rss) / 1024,
      });
    });
  });
}

/**
 * Puts a file into the portal as SSB would, copied on disk and hashed streaming: a 1 GiB file is
 * never read into the bench's memory (the sandbox serves from this same process).
 */
async function placeInPortal(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  folderId: number,
  name: string,
  source: string,
): Promise<{ id: string }> {
  const copy = join(sandbox.portal.uploadFolder, `bench-${randomBytes(6).toString('hex')}`);
  await copyFile(source, copy);
  const { size } = await stat(copy);
  return sandbox.portal.addStoredFile(
    folderId,
    name,
    { diskPath: copy, size, sha1: await sha256(copy, 'sha1') },
    { username: 'frassb', fullName: 'SSB' },
  );
}

async function sha256(path: string, algorithm = 'sha256'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += 4 * MiB) {
    if (!out.write(randomBytes(Math.min(4 * MiB, bytes - written))))
      await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done) => out.end(done));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      workdir: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench:network -- [--size <MiB> (default 256; 1024 for the 1 GiB case)] [--runs <n> (default 3)]\n' +
        '  [--only upload,download,download+sha1sum,download+decrypt; also floor-receive,floor-sha1,floor-sha1-write] [--workdir <dir> (default bench-results; a fresh network-work-* folder in it is removed at the end)]\n' +
        '  [--cpu-prof <dir> (profile one more run of ours)]',
    );
    return;
  }
  const only = values.only?.split(',');
  const size = Number(values.size ?? 256) * MiB;
  const runs = Number(values.runs ?? 3);
  if (spawnSync('curl', ['--version']).status !== 0) throw new Error('curl is needed (Debian package curl)');
  // A fresh folder of our own inside the one given: only that is removed at the end.
  const base = resolve(values.workdir ?? join(REPO, 'bench-results'));
  await mkdir(base, { recursive: true });
  const work = await mkdtemp(join(base, 'network-work-'));
  const runner = join(work, 'netClient.js');
  await build({
    entryPoints: [join(REPO, 'bench/runners/netClient.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: runner,
    logLevel: 'warning',
  });

  const sandbox = await startSandbox({ port: 0, maxPartSize: size + MiB, stateDir: join(work, 'sandbox') });
  sandbox.faults.set({ tokenLifetimeSeconds: 24 * 3600 });
  try {
    const hamar = sandbox.info.municipalities[0] as (typeof sandbox.info.municipalities)[number];
    const payload = join(work, 'payload.bin');
    console.log(`Generating ${size / MiB} MiB of incompressible data (an encrypted part) …`);
    await writeRandomFile(payload, size);
    const payloadSha = await sha256(payload);
    const auth = `Basic ${Buffer.from(`${hamar.number}:${hamar.kostraPin}`).toString('base64')}`;

    // One submission; the same part PUT again is accepted (idempotent) and fully read and hashed each time.
    const created = await fetchJson(
      sandbox,
      'POST',
      `${sandbox.info.ipisTestUrl}/api/v1/submissions`,
      { authorization: auth, 'content-type': 'application/json' },
      JSON.stringify({
        municipality: hamar.number,
        year: 2025,
        fileName: 'bench.zip',
        partCount: 1,
        totalSize: size,
        sha256: payloadSha,
      }),
    );
    const submissionId = (created as { id: string }).id;
    const frassb = sandbox.portal.folderByPath(`/Home/Ekstern/iplos/${hamar.username}/frassb`);
    const portalFile = await placeInPortal(sandbox, frassb?.id as number, 'bench.bin', payload);

    // A feedback-like AES zip for download + verify + decrypt (made only when that is measured).
    const feedback = { fileId: '', sha256: '' };
    if (!only || only.includes('download+decrypt')) {
      const extract = join(work, 'extract.xml');
      await writeExtract(extract, { municipality: '0403', year: 2025, targetBytes: size, seed: 1 });
      const zipManifest = await encryptArchive(extract, join(work, 'zip'), {
        key: '123456',
        archiveName: 'feedback.zip',
      });
      await rm(extract);
      const zipFile = await placeInPortal(
        sandbox,
        frassb?.id as number,
        'feedback.zip',
        join(work, 'zip', 'feedback.zip'),
      );
      feedback.fileId = zipFile.id;
      feedback.sha256 = zipManifest.plaintext.sha256;
    }

    const token = await signIn(sandbox, hamar.username, hamar.password);
    const config = (extra: Record<string, string>): string => {
      const path = join(work, `config-${(extra.mode ?? extra.out ?? 'upload').replace(/[^a-z0-9]/gi, '')}.json`);
      void writeFile(
        path,
        JSON.stringify({
          caFile: sandbox.info.caFile,
          ipisUrl: sandbox.info.ipisTestUrl,
          ssbUrl: sandbox.info.ssbUrl,
          municipality: hamar.number,
          kostraPin: hamar.kostraPin,
          username: hamar.username,
          password: hamar.password,
          ...extra,
        }),
      );
      return path;
    };
    const uploadConfig = config({ submissionId, file: payload, size: String(size), sha256: payloadSha });
    const downloadConfig = config({ fileId: portalFile.id, out: join(work, 'ours-download') });
    const floorConfig = (mode: string): string =>
      config({ fileId: portalFile.id, token, size: String(size), floorOut: join(work, `${mode}.bin`), mode });
    const decryptConfig = config({ fileId: feedback.fileId, out: join(work, 'ours-decrypt'), key: '123456' });
    await new Promise((done) => setTimeout(done, 100)); // let the config files land

    const curl = ['--silent', '--show-error', '--fail', '--cacert', sandbox.info.caFile];
    const curlDownload = (): Promise<Sample> =>
      timed('curl', [
        ...curl,
        '-H',
        `authorization: Bearer ${token}`,
        '-o',
        join(work, 'curl-download.bin'),
        `${sandbox.info.ssbUrl}/api/v1/files/${portalFile.id}/download`,
      ]);
    const operations: Record<
      string,
      { ours: () => Promise<Sample>; theirs: () => Promise<Sample>; oursLabel: string; theirsLabel: string }
    > = {
      upload: {
        oursLabel: 'iplos upload part',
        theirsLabel: 'curl -T',
        ours: () => timed(process.execPath, [runner, 'upload', uploadConfig]),
        theirs: () =>
          timed('curl', [
            ...curl,
            '-X',
            'PUT',
            '-H',
            `authorization: ${auth}`,
            '-H',
            `x-content-sha256: ${payloadSha}`,
            '-H',
            'content-type: application/octet-stream',
            '-T',
            payload,
            '-o',
            '/dev/null',
            `${sandbox.info.ipisTestUrl}/api/v1/submissions/${submissionId}/parts/1`,
          ]),
      },
      download: {
        oursLabel: 'iplos download (+ SHA-1 verify)',
        theirsLabel: 'curl -o',
        ours: () => timed(process.execPath, [runner, 'download', downloadConfig]),
        theirs: curlDownload,
      },
      // The same download against a peer that verifies too: curl, then sha1sum over the file.
      'download+sha1sum': {
        oursLabel: 'iplos download (+ SHA-1 verify)',
        theirsLabel: 'curl -o && sha1sum',
        ours: () => timed(process.execPath, [runner, 'download', downloadConfig]),
        theirs: async () => {
          const fetched = await curlDownload();
          const hashed = await timed('sha1sum', [join(work, 'curl-download.bin')]);
          return {
            seconds: fetched.seconds + hashed.seconds,
            cpuSeconds: fetched.cpuSeconds + hashed.cpuSeconds,
            rssMiB: Math.max(fetched.rssMiB, hashed.rssMiB),
          };
        },
      },
      // Where the time goes: Node and undici alone, without any of our download code (netClient.ts).
      ...Object.fromEntries(
        ['floor-receive', 'floor-sha1', 'floor-sha1-write'].map((mode) => [
          mode,
          {
            oursLabel: `node+undici ${mode.slice(6)}`,
            theirsLabel: 'curl -o',
            ours: () => timed(process.execPath, [runner, mode, floorConfig(mode)]),
            theirs: curlDownload,
          },
        ]),
      ),
      'download+decrypt': {
        oursLabel: 'iplos download + verify + decrypt',
        theirsLabel: 'curl -o && 7zz x',
        ours: () => timed(process.execPath, [runner, 'fetch-decrypt', decryptConfig]),
        theirs: async () => {
          const fetched = await timed('curl', [
            ...curl,
            '-H',
            `authorization: Bearer ${token}`,
            '-o',
            join(work, 'curl-feedback.zip'),
            `${sandbox.info.ssbUrl}/api/v1/files/${feedback.fileId}/download`,
          ]);
          const unpacked = await timed('7zz', [
            'x',
            '-y',
            '-p123456',
            `-o${join(work, 'curl-decrypted')}`,
            join(work, 'curl-feedback.zip'),
          ]);
          return {
            seconds: fetched.seconds + unpacked.seconds,
            cpuSeconds: fetched.cpuSeconds + unpacked.cpuSeconds,
            rssMiB: Math.max(fetched.rssMiB, unpacked.rssMiB),
          };
        },
      },
    };

    // The floor-* rows are an analysis, run only when named (--only floor-receive,floor-sha1,floor-sha1-write).
    const chosen = Object.entries(operations).filter(([name]) =>
      only ? only.includes(name) : !name.startsWith('floor-'),
    );
    const results: Record<string, { ours: Sample[]; theirs: Sample[] }> = {};
    for (const [name, operation] of chosen) {
      results[name] = { ours: [], theirs: [] };
      for (let run = 1; run <= runs; run++) {
        const order = run % 2 === 1 ? (['ours', 'theirs'] as const) : (['theirs', 'ours'] as const);
        for (const who of order) {
          await rm(join(work, 'ours-download'), { recursive: true, force: true });
          await rm(join(work, 'ours-decrypt'), { recursive: true, force: true });
          await rm(join(work, 'curl-decrypted'), { recursive: true, force: true });
          const sample = await operation[who]();
          results[name]?.[who].push(sample);
          console.log(
            `  ${name.padEnd(17)} run ${run}  ${(who === 'ours' ? operation.oursLabel : operation.theirsLabel).padEnd(34)} ${sample.seconds.toFixed(2).padStart(6)} s  ${(size / MiB / Math.max(sample.seconds, 0.01)).toFixed(0).padStart(5)} MiB/s  CPU ${sample.cpuSeconds.toFixed(2)} s  RSS ${sample.rssMiB.toFixed(0)} MiB`,
          );
        }
      }
    }
    // Correctness: one more run of ours each, checked against the sources.
    const ran = (name: string): boolean => chosen.some(([chosenName]) => chosenName === name);
    if (ran('download')) {
      await rm(join(work, 'ours-download'), { recursive: true, force: true });
      await operations.download?.ours();
      if ((await sha256(join(work, 'ours-download', 'bench.bin'))) !== payloadSha)
        throw new Error('downloaded file differs from the source');
    }
    if (ran('download+decrypt')) {
      await rm(join(work, 'ours-decrypt'), { recursive: true, force: true });
      await operations['download+decrypt']?.ours();
      if ((await sha256(join(work, 'ours-decrypt', 'decrypted', 'extract.xml'))) !== feedback.sha256)
        throw new Error('decrypted feedback differs from the source');
    }
    if (ran('upload') && sandbox.submissions.submissions.get(submissionId)?.parts.get(1)?.sha256 !== payloadSha)
      throw new Error('the uploaded part differs from the source');
    console.log('Round trips verified (SHA-256 of each chosen upload, download and decrypted file).');

    if (values['cpu-prof']) {
      const profiles = resolve(values['cpu-prof']);
      const modes: Record<string, [string, string]> = {
        upload: ['upload', uploadConfig],
        download: ['download', downloadConfig],
        'download+decrypt': ['fetch-decrypt', decryptConfig],
      };
      for (const [name] of chosen) {
        const profiled = modes[name];
        if (!profiled) continue;
        const [mode, modeConfig] = profiled;
        const dir = join(profiles, name.replace(/\W/g, '-'));
        await rm(dir, { recursive: true, force: true });
        await rm(join(work, 'ours-download'), { recursive: true, force: true });
        await rm(join(work, 'ours-decrypt'), { recursive: true, force: true });
        await timed(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, runner, mode, modeConfig]);
        const [file] = await readdir(dir);
        const { totalMs, top } = await topSelfTime(join(dir, file as string));
        console.log(`\nCPU profile of ours, ${name} (${(totalMs / 1000).toFixed(2)} s sampled), top self time:`);
        for (const entry of top)
          console.log(
            `  ${entry.ms.toFixed(0).padStart(7)} ms ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.name}`,
          );
        console.log(`  (${join(dir, file as string)}; open it in Chrome DevTools for the call tree)`);
      }
    }

    console.log(`\n${size / MiB} MiB, ${runs} run(s) each, medians:`);
    // The paired ratio is the median of each run's curl / iplos (measured one right after the
    // other), which a machine whose load changes between runs disturbs less than the ratio of medians.
    console.log(
      'operation          iplos s   curl s  iplos MiB/s  ratio (≥ 0.90)  paired  iplos CPU s  curl CPU s  iplos RSS MiB  curl RSS MiB',
    );
    const summary: Record<string, unknown> = {};
    for (const [name, sample] of Object.entries(results)) {
      const ours = median(sample.ours.map((s) => s.seconds));
      const theirs = median(sample.theirs.map((s) => s.seconds));
      const ratio = theirs / ours;
      const paired = median(sample.ours.map((s, i) => (sample.theirs[i]?.seconds ?? 0) / s.seconds));
      const oursCpu = median(sample.ours.map((s) => s.cpuSeconds));
      const theirsCpu = median(sample.theirs.map((s) => s.cpuSeconds));
      const rss = Math.max(...sample.ours.map((s) => s.rssMiB));
      const theirsRss = Math.max(...sample.theirs.map((s) => s.rssMiB));
      summary[name] = {
        oursSeconds: ours,
        curlSeconds: theirs,
        throughputRatio: ratio,
        pairedRatio: paired,
        oursCpuSeconds: oursCpu,
        curlCpuSeconds: theirsCpu,
        oursPeakRssMiB: rss,
        curlPeakRssMiB: theirsRss,
      };
      console.log(
        [
          name.padEnd(18),
          ours.toFixed(2).padStart(7),
          theirs.toFixed(2).padStart(8),
          (size / MiB / ours).toFixed(0).padStart(12),
          `${ratio.toFixed(2).padStart(8)}× ${ratio >= 0.9 ? 'met   ' : 'MISSED'}`,
          `${paired.toFixed(2).padStart(6)}×`,
          oursCpu.toFixed(2).padStart(11),
          theirsCpu.toFixed(2).padStart(11),
          rss.toFixed(0).padStart(14),
          theirsRss.toFixed(0).padStart(13),
        ].join(' '),
      );
    }
    await mkdir(join(REPO, 'bench-results'), { recursive: true });
    await writeFile(
      join(REPO, 'bench-results', `network-${size / MiB}MiB.json`),
      JSON.stringify({ sizeMiB: size / MiB, runs, summary }, null, 2),
    );
  } finally {
    await sandbox.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function fetchJson(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<unknown> {
  const { Agent, request } = await import('undici');
  const response = await request(url, {
    method: method as 'POST',
    headers,
    ...(body ? { body } : {}),
    dispatcher: new Agent({ connect: { ca: await readFile(sandbox.info.caFile) } }),
  });
  return response.body.json();
}

async function signIn(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  username: string,
  password: string,
): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'password', username, password }).toString();
  const json = (await fetchJson(
    sandbox,
    'POST',
    `${sandbox.info.ssbUrl}/api/v1/token`,
    { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  )) as { access_token: string };
  return json.access_token;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
