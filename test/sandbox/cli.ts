/**
 * `npm run sandbox -- [--port N] [--state DIR] [--feedback-delay SECONDS]`: the local SSB
 * file portal and IPIS send module. Prints one line `SANDBOX READY <json>`, writes the same
 * JSON to <state>/sandbox.json and a CLI configuration to <state>/iplos.config.json, and
 * runs until Ctrl-C or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSandbox, writeSandboxFiles } from './server';

const USAGE = `Usage: npm run sandbox -- [--port N] [--state DIR] [--feedback-delay SECONDS] [--max-part-size MiB]

  --port N               HTTPS port on 127.0.0.1 (default 8443; 0 = any free port)
  --state DIR            keeps the CA, certificates and files (default .cache/sandbox)
  --feedback-delay S     seconds before SSB's feedback appears after a send (default 10)
  --max-part-size MiB    largest IPIS part accepted (default 100)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        state: { type: 'string' },
        'feedback-delay': { type: 'string' },
        'max-part-size': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const number = (value: string | undefined, fallback: number, name: string): number => {
    const parsed = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number`);
    return parsed;
  };
  const sandbox = await startSandbox({
    port: number(values.port, 8443, '--port'),
    stateDir: values.state ?? '.cache/sandbox',
    feedbackDelaySeconds: number(values['feedback-delay'], 10, '--feedback-delay'),
    maxPartSize: Math.floor(number(values['max-part-size'], 100, '--max-part-size') * 1024 * 1024),
  });
  await writeSandboxFiles(sandbox.info);
  console.log(`SANDBOX READY ${JSON.stringify(sandbox.info)}`);
  sandbox.events.on('feedback', (feedback: { fileName: string; municipality: string; rows: unknown[] }) => {
    console.error(
      `feedback published: ${feedback.fileName} for ${feedback.municipality} (${feedback.rows.length} error rows)`,
    );
  });
  sandbox.events.on('processing-error', (error: unknown) => console.error(`processing failed: ${String(error)}`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.stop();
  console.error('sandbox stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`sandbox: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
