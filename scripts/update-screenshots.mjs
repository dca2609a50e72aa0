// `npm run screenshots`: copies the README's screenshots from the last UI-journey run
// (test-results/e2e/routine/, written by `npm test` or `npm run test:e2e`) to docs/images/.
import { copyFileSync, existsSync } from 'node:fs';

const shots = {
  'feedback-viewer.png': 'error-detail',
  'go-to-record.png': 'record-in-extract',
  'firewall-order.png': 'firewall-order',
  'ssb-folders.png': 'ssb-new-feedback',
};
const folder = 'test-results/e2e/routine';
for (const [target, step] of Object.entries(shots)) {
  const source = (await import('node:fs')).readdirSync(folder).find((name) => name.endsWith(`-${step}.png`));
  if (!source || !existsSync(`${folder}/${source}`)) {
    console.error(`no screenshot of "${step}" in ${folder}: run the UI journeys first (npm run test:e2e)`);
    process.exit(1);
  }
  copyFileSync(`${folder}/${source}`, `docs/images/${target}`);
  console.log(`docs/images/${target} ← ${folder}/${source}`);
}
