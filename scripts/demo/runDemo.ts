/**
 * The demo behind `npm run demo` (scripts/demo.mjs builds first): sandbox + demo workspace +
 * VS Code with the packaged extension, configured exactly as a municipality would configure
 * it, pointing at the sandbox. Prints `DEMO READY <url>` when the browser can open it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { VSIX } from '../../test/e2e/packagedExtension';
import { writeExtract } from '../../test/fixtures/extractGenerator';
import {
  ensureCodeServer,
  installVsix,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../../test/host/codeServer';
import { startSandbox, type Sandbox } from '../../test/sandbox/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    desktop: { type: 'boolean' },
    'feedback-delay': { type: 'string', default: '15' },
    state: { type: 'string', default: '.cache/demo' },
  },
});

const HAMAR = { number: '0403', name: 'Hamar', bydel: '00', ssbUsername: 'postmottak@hamar.kommune.no' };

async function main(): Promise<void> {
  const state = resolve(values.state as string);
  const workspace = join(state, 'workspace');
  const history = join(state, 'history');
  const extensions = join(state, 'extensions');
  // Made afresh every time, so each demo starts from an empty history; the sandbox keeps its CA.
  for (const folder of [workspace, history, extensions]) rmSync(folder, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });

  const sandbox = await startSandbox({
    port: 0,
    stateDir: join(state, 'sandbox'),
    feedbackDelaySeconds: Number(values['feedback-delay']),
  });
  const running: { server?: CodeServer; desktop?: ReturnType<typeof spawn> } = {};
  let stopping = false;
  const stop = async (): Promise<void> => {
    // Ctrl-C reaches every process of the terminal's group, and scripts/demo.mjs forwards it
    // too: the second one must not cut the first one's clean stop short.
    if (stopping) return;
    stopping = true;
    console.log('\n[demo] stopping …');
    running.desktop?.kill('SIGTERM');
    await running.server?.stop();
    await sandbox.stop();
    console.log('[demo] stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const summary = await writeExtract(join(workspace, 'IPLOS_0403_2025.xml'), {
    municipality: HAMAR.number,
    year: 2025,
    clients: 2500,
    errors: 12,
    seed: 2025,
  });
  writeFileSync(join(workspace, 'LES_MEG.md'), demoGuide(summary.clients, summary.planted.length));
  const secretsFile = writeDemoSecrets(state, sandbox);
  const { user, machine } = demoSettings(sandbox, history);

  if (values.desktop) {
    running.desktop = startDesktop(state, workspace, { ...user, ...machine }, secretsFile);
    if (!running.desktop) {
      await sandbox.stop();
      process.exit(1);
    }
    console.log(`\nDEMO READY desktop VS Code (${workspace})\n[demo] Ctrl-C stops the sandbox.`);
    return;
  }

  console.log('[demo] making sure the offline VS Code (code-server) is installed …');
  const bin = ensureCodeServer();
  installVsix(bin, VSIX, extensions);
  const server = (running.server = await startCodeServer(bin, {
    workspace,
    extensionsDir: extensions,
    logFile: join(state, 'code-server.log'),
    settings: user,
    machineSettings: machine,
    env: { IPLOS_DEMO_SECRETS: secretsFile },
    ...(values.port ? { port: Number(values.port) } : {}),
  }));
  const url = workbenchUrl(server, workspace);
  console.log(`
DEMO READY ${url}

  Open the address above in a browser (Chrome, Edge or Firefox). Then, in VS Code:
   1. the IPLOS icon in the activity bar: connection checks, history, SSB folders;
   2. F1 → "IPLOS: Send extract" → IPLOS_0403_2025.xml → the local control finds the
      planted errors → Send anyway → Send to test (or "IPLOS: Validate extract" first);
   3. wait for "New feedback from SSB" (about ${values['feedback-delay']} s) → Download;
   4. the feedback viewer opens: click an error → Go to record.
  The sandbox is SSB's file portal and IPIS on this machine (${sandbox.info.ssbUrl}).
  Ctrl-C stops everything.
`);
}

/** The sandbox's throwaway secrets for Hamar, readable by this user only; the extension takes them only while the endpoints are on loopback. */
function writeDemoSecrets(state: string, sandbox: Sandbox): string {
  const hamar = sandbox.info.municipalities.find((municipality) => municipality.number === HAMAR.number);
  if (!hamar) throw new Error('the sandbox has no Hamar');
  const file = join(state, 'demo-secrets.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        [HAMAR.number]: {
          ssbPassword: hamar.password,
          kostraPin: hamar.kostraPin,
          encryptionKey: hamar.encryptionKey,
          feedbackKey: hamar.feedbackKeys.test,
        },
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}

function demoSettings(
  sandbox: Sandbox,
  history: string,
): { user: Record<string, unknown>; machine: Record<string, unknown> } {
  return {
    user: {
      'iplos.municipalities': [HAMAR],
      'iplos.activeMunicipality': HAMAR.number,
      'iplos.environment': 'test',
      // Every 15 s instead of 15 min, so the demo does not wait long for its feedback.
      'iplos.pollIntervalMinutes': 0.25,
      'workbench.startupEditor': 'none',
    },
    machine: {
      'iplos.endpoints.ipisTestUrl': sandbox.info.ipisTestUrl,
      'iplos.endpoints.ipisProductionUrl': sandbox.info.ipisProductionUrl,
      'iplos.endpoints.ssbUrl': sandbox.info.ssbUrl,
      'iplos.endpoints.ssbOrgId': sandbox.info.ssbOrgId,
      'iplos.endpoints.expectedAddress': '127.0.0.1',
      'iplos.caFile': sandbox.info.caFile,
      'iplos.historyLocation': history,
    },
  };
}

/** Desktop VS Code with its own profile folders, so the demo never touches the user's own settings. */
function startDesktop(
  state: string,
  workspace: string,
  settings: Record<string, unknown>,
  secretsFile: string,
): ReturnType<typeof spawn> | undefined {
  if (spawnSync('code', ['--version'], { encoding: 'utf8' }).status !== 0) {
    console.error(
      '[demo] --desktop needs the `code` command on the PATH (VS Code: "Shell Command: Install \'code\' command in PATH").',
    );
    return undefined;
  }
  const userData = join(state, 'desktop-user');
  const extensions = join(state, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
  if (
    !existsSync(VSIX) ||
    spawnSync('code', [...profile, '--install-extension', VSIX, '--force'], { stdio: 'inherit' }).status !== 0
  )
    return undefined;
  return spawn('code', [...profile, '--new-window', '--wait', workspace], {
    stdio: 'inherit',
    env: { ...process.env, IPLOS_DEMO_SECRETS: secretsFile },
  });
}

function demoGuide(clients: number, errors: number): string {
  return `# IPLOS Innsending — demo

Dette arbeidsområdet er laget av \`npm run demo\`. Alt går mot sandkassen på denne maskinen,
ikke mot Helsenett eller SSB.

- \`IPLOS_0403_2025.xml\`: et generert IPLOS-uttrekk for Hamar (0403), 2025, med ${clients} brukere
  og ${errors} innlagte feil.
- Kontroller det: F1 → «IPLOS: Validate extract» viser de innlagte feilene i Problemer-panelet og i
  dokumentet «Local control».
- Send det: F1 → «IPLOS: Send extract» → «Send anyway». Tilbakemeldingen fra «SSB» kommer etter noen sekunder i
  visningen SSB-mapper, og lastes ned og dekrypteres til \`IPLOS/2025/tilbakemelding\`.
- Klikk en feil i feillisten, og «Go to record» for å se brukeren i uttrekket.
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
