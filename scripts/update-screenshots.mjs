// `npm run screenshots`: copies the README's screenshots from the last UI-journey run
// (test-results/e2e/<journey>/, written by `npm test` or `npm run test:e2e`) to docs/images/.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';

/** docs/images/<target> ← the step's screenshot in test-results/e2e/<journey>/. */
const shots = {
  'feedback-viewer.png': ['routine', 'error-detail'],
  'go-to-record.png': ['routine', 'record-in-extract'],
  'firewall-order.png': ['routine', 'firewall-order'],
  'ssb-folders.png': ['routine', 'ssb-new-feedback'],
  'year-overview.png': ['year-overview', 'year-overview'],
};
for (const [target, [journey, step]] of Object.entries(shots)) {
  const folder = `test-results/e2e/${journey}`;
  const source = existsSync(folder) ? readdirSync(folder).find((name) => name.endsWith(`-${step}.png`)) : undefined;
  if (!source) {
    console.error(`no screenshot of "${step}" in ${folder}: run the UI journeys first (npm run test:e2e)`);
    process.exit(1);
  }
  copyFileSync(`${folder}/${source}`, `docs/images/${target}`);
  console.log(`docs/images/${target} ← ${folder}/${source}`);
}
