/**
 * The built feedback webview (dist/webview/feedback.js + .css) in headless Chromium with
 * a stub of the one API VS Code gives a webview (`acquireVsCodeApi`: postMessage,
 * getState, setState). The stub records what the webview sends; the test plays the host.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  HostMessage,
  RoundStatus,
  ViewErrorRow,
  ViewSet,
  ViewState,
  ViewTableFile,
  WebviewMessage,
} from '../../src/shared/feedbackProtocol';
import { FEEDBACK_STRING_KEYS } from '../../src/shared/feedbackStringKeys';
import { launchBrowser, REPO } from '../host/codeServer';
import { loadTheme, themeCss, type CapturedTheme } from './themes/themes';

export const WEBVIEW_JS = join(REPO, 'dist', 'webview', 'feedback.js');
export const WEBVIEW_CSS = join(REPO, 'dist', 'webview', 'feedback.css');

/** The theme a page renders in unless a test picks another: VS Code's Dark Modern, as a real webview gets it. */
const DEFAULT_THEME = 'dark-modern';

export interface WebviewPage {
  page: Page;
  /** Uncaught errors in the page so far. */
  pageErrors(): string[];
  /** Messages the webview sent, oldest first. */
  messages(): Promise<WebviewMessage[]>;
  send(message: HostMessage): Promise<void>;
  state(): Promise<ViewState | undefined>;
  /** Loads the page again with the state it saved (as VS Code does after hiding or a reload). */
  reload(): Promise<void>;
}

export async function openWebview(
  browser: Browser,
  options: { state?: ViewState; theme?: CapturedTheme } = {},
): Promise<WebviewPage> {
  if (!existsSync(WEBVIEW_JS)) throw new Error(`${WEBVIEW_JS} is missing: run "npm run build" first (npm test does).`);
  const context = await newContext(browser);
  const page = await context.newPage();
  // A script error in the webview fails the test that caused it (see pageErrors()).
  const pageErrors: string[] = [];
  const theme = options.theme ?? loadTheme(DEFAULT_THEME);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const load = async (state: ViewState | undefined): Promise<void> => {
    await page.setContent(
      // The page VS Code builds (feedbackHtml.ts): a title, #root busy until the data came, the theme's body class.
      `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>IPLOS</title></head><body class="${theme.kind}"><div id="root" aria-busy="true"></div></body></html>`,
    );
    await page.evaluate((saved) => {
      const w = window as unknown as { __messages: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
      w.__messages = [];
      w.__state = saved;
      w.acquireVsCodeApi = () => ({
        postMessage: (message: unknown) => w.__messages.push(message),
        getState: () => w.__state,
        setState: (next: unknown) => {
          w.__state = JSON.parse(JSON.stringify(next));
        },
      });
    }, state);
    await page.addStyleTag({ content: themeCss(theme) });
    await page.addStyleTag({ path: WEBVIEW_CSS });
    await page.addScriptTag({ path: WEBVIEW_JS });
    await page
      .waitForFunction(
        () =>
          (window as unknown as { __messages: { type: string }[] }).__messages.some(
            (message) => message.type === 'ready',
          ),
        undefined,
        { timeout: 15_000 },
      )
      .catch((error: unknown) => {
        throw new Error(`the webview never sent "ready"${pageErrors.length > 0 ? `: ${pageErrors.join('; ')}` : ''}`, {
          cause: error,
        });
      });
  };
  await load(options.state);
  const webview: WebviewPage = {
    page,
    pageErrors: () => [...pageErrors],
    messages: () => page.evaluate(() => (window as unknown as { __messages: WebviewMessage[] }).__messages),
    send: (message) => page.evaluate((data) => window.postMessage(data, '*'), message),
    state: () => page.evaluate(() => (window as unknown as { __state: ViewState | undefined }).__state),
    async reload() {
      const saved = await webview.state();
      await load(saved);
    },
  };
  return webview;
}

export { launchBrowser };

/**
 * A browser context for pages driven with page.evaluate from tsx-compiled tests: tsx keeps
 * function names with an `__name` helper that does not exist in the page.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript('window.__name = (fn) => fn;');
  return context;
}

const SEVERITIES = [
  ['Feil', 'error'],
  ['Advarsel', 'warning'],
  ['Kritisk feil', 'critical'],
] as const;
const CODES = ['T01', 'T02', 'T03', 'F01', 'B01', 'D01'];

/** An error list of `rows` rows plus two control tables, as the host would send it. */
export function sampleSet(rows: number, options: { extractName?: string } = {}): ViewSet {
  const errorRows: string[][] = [];
  const errors: ViewErrorRow[] = [];
  for (let index = 0; index < rows; index++) {
    const code = CODES[index % CODES.length] as string;
    const [severityText, severity] = SEVERITIES[
      code === 'B01' || code === 'D01' ? 1 : code === 'T03' && index % 12 === 2 ? 2 : 0
    ] as (typeof SEVERITIES)[number];
    // Clients repeat (every client has several errors), numbers are not in row order.
    const brukerNr = String(100_000 + ((index * 7919) % Math.max(1, Math.floor(rows / 3))));
    errorRows.push([
      '0403',
      '00',
      brukerNr,
      String((index % 25) + 1),
      code === 'F01' ? 'styreEgetLiv' : 'tjenesteType',
      String(index % 200),
      code,
      severityText,
      `Melding ${index} om ${code} for bruker ${brukerNr} — æøå`,
    ]);
    errors.push({ row: index, brukerNr, code, severity, severityText, located: index % 10 !== 9 });
  }
  const strings = Object.fromEntries(FEEDBACK_STRING_KEYS.map((key) => [key, key]));
  return {
    key: '/work/IPLOS/2025/tilbakemelding/040300_iplos_2025_test',
    title: '040300_iplos_2025_test',
    files: [
      {
        id: 0,
        name: 'feilliste.csv',
        size: rows * 80,
        kind: 'error-list',
        source: { encoding: 'windows-1252', delimiter: ';' },
        columns: [
          { name: 'Kommunenr', role: 'municipality', numeric: false },
          { name: 'Bydel', role: 'bydel', numeric: false },
          { name: 'Brukernr', role: 'brukerNr', numeric: true },
          { name: 'Tjenestetype', role: 'serviceType', numeric: true },
          { name: 'Variabel', role: 'variable', numeric: false },
          { name: 'Verdi', role: 'value', numeric: true },
          { name: 'Feilkode', role: 'code', numeric: false },
          { name: 'Alvorlighet', role: 'severity', numeric: false },
          { name: 'Melding', role: 'message', numeric: false },
        ],
        rows: errorRows,
        malformed: { count: 0, examples: [] },
        errors,
      },
      {
        id: 1,
        name: 'kontrolltabell_tjenester.csv',
        size: 400,
        kind: 'table',
        source: { encoding: 'windows-1252', delimiter: ';' },
        columns: [
          { name: 'Tjenestetype', numeric: false },
          { name: 'Antall brukere', numeric: true },
          { name: 'Gjennomsnitt timer per uke', numeric: true },
        ],
        rows: [
          ['Praktisk bistand', '1 234', '12,5'],
          ['Hjemmesykepleie', '2 345', '7,25'],
          // ':' is SSB's mark for a suppressed value: no bar, "no value" in words (never 0).
          ['Korttidsopphold', '87', ':'],
          ['Totalt', '3 666', ''],
        ],
        malformed: { count: 1, examples: [{ line: 6, problem: 'Too many fields', text: 'a;b;c;d' }] },
      },
      { id: 2, name: 'les_meg.txt', size: 60, kind: 'text', text: 'Tilbakemelding fra SSB.\nFeillisten har rader.' },
      { id: 3, name: 'rapport.pdf', size: 1000, kind: 'other', reason: 'not a table' },
    ],
    extract: {
      ...(options.extractName
        ? { name: options.extractName }
        : { problem: 'No completed submission is in the history.' }),
      located: 0,
      wanted: 0,
    },
    catalogue: {
      T01: {
        title: 'Unknown service type',
        meaning: 'The service type code is not in Volven 9151.',
        fix: 'Map the service to a valid code in the EPJ.',
      },
      B01: {
        title: 'Client without services',
        meaning: 'The client has no services in the period.',
        fix: 'Register the services or end the client.',
      },
    },
    strings,
    locale: 'nb-NO',
  };
}

/**
 * `sampleSet(current + fixed)` as the host sends a compared list: the last `fixed` rows are the
 * earlier round's (status fixed), every third current row is new, the others remaining; a
 * Status column last.
 */
export function comparedSet(current: number, fixed: number): ViewSet {
  const set = sampleSet(current + fixed, { extractName: 'IPLOS_0403_2025.xml' });
  const file = set.files[0] as ViewTableFile;
  const statusOf = (row: number): RoundStatus => {
    if (row >= current) return 'fixed';
    return row % 3 === 0 ? 'new' : 'remaining';
  };
  const label: Record<RoundStatus, string> = { fixed: 'Fixed', new: 'New', remaining: 'Remaining' };
  file.columns = [...file.columns, { name: 'Status', numeric: false }];
  file.rows = file.rows.map((cells, row) => [...cells, label[statusOf(row)]]);
  file.errors = (file.errors ?? []).map((error) => ({
    ...error,
    status: statusOf(error.row),
    located: error.row < current,
  }));
  const counts = { fixed, new: 0, remaining: 0 };
  for (let row = 0; row < current; row++) counts[statusOf(row) === 'new' ? 'new' : 'remaining']++;
  return {
    ...set,
    comparison: {
      key: '/work/IPLOS/2025/tilbakemelding/040300_iplos_2025_test',
      label: '040300_iplos_2025_test, downloaded 10.01.2026 10:00',
      counts,
    },
    key: '/work/IPLOS/2025/tilbakemelding/040300_iplos_2025_test-2',
  };
}
