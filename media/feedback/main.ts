/**
 * The feedback viewer's front end: a tab per file of one decrypted feedback set, or the one
 * error list of a local control (with its header: when it ran, stale or stopped, "Validate
 * again"). It only renders what the host sends and sends back ids; its state (tab,
 * filters, sort, selection, scroll) is kept with setState so it survives hiding and reloads.
 */
import type {
  FileViewState,
  HostMessage,
  ViewExtract,
  ViewFile,
  ViewLocalControl,
  ViewSet,
  ViewState,
  WebviewMessage,
} from '../../src/shared/feedbackProtocol';
import { clear, h } from './dom';
import { formatNumber, setLocale, setStrings, t } from './strings';
import { TableView } from './tableView';
import './feedback.css';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): ViewState | undefined;
  setState(state: ViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
let set: ViewSet | undefined;
let state: ViewState | undefined = vscode.getState();
const views = new Map<number, TableView>();
let statusLine: HTMLElement | undefined;
let extractLine: HTMLElement | undefined;

const post = (message: WebviewMessage): void => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      load(message.set);
      break;
    case 'extract':
      if (!set) return;
      set.extract = message.extract;
      for (const { file, rows } of message.located) views.get(file)?.setLocated(new Set(rows));
      renderExtractLine();
      break;
    case 'busy':
      if (statusLine) {
        statusLine.textContent = message.message ?? '';
        statusLine.hidden = !message.message;
      }
      break;
    case 'error':
      // Inside the main landmark when there is one, so no content is outside a landmark.
      (root.querySelector('main') ?? root).prepend(h('div', { class: 'banner error', role: 'alert' }, message.message));
      break;
  }
});

function load(next: ViewSet): void {
  set = next;
  setStrings(next.strings);
  setLocale(next.locale);
  if (!state || state.key !== next.key) state = { key: next.key, activeFile: 0, files: {} };
  // Kept in the state so that a reload compares again (the serializer reads it).
  if (next.comparison) state.comparedWith = next.comparison.key;
  else {
    delete state.comparedWith;
    // Without a comparison there are no statuses: a status filter would hide every row.
    for (const fileState of Object.values(state.files)) delete fileState.status;
  }
  vscode.setState(state);
  views.clear();
  clear(root);
  statusLine = h('div', { class: 'status', role: 'status', hidden: true });
  extractLine = h('div', { class: 'extract' });
  const header = h('header', { class: 'set-header' }, h('h1', {}, next.title), extractLine, statusLine);
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('Files') });
  const panels = h('div', { class: 'panels' });
  next.files.forEach((file, position) => {
    const tab = h(
      'button',
      {
        class: 'tab',
        role: 'tab',
        id: `tab-${file.id}`,
        'aria-controls': `panel-${file.id}`,
        type: 'button',
      },
      tabLabel(file),
    );
    const panel = h('div', {
      class: 'panel',
      role: 'tabpanel',
      id: `panel-${file.id}`,
      'aria-labelledby': `tab-${file.id}`,
      // A text file has nothing focusable: the panel itself is the tab stop (ARIA tabs pattern), so it can scroll.
      tabindex: file.kind === 'text' ? 0 : undefined,
      hidden: true,
    });
    tab.addEventListener('click', () => activate(file.id));
    tab.addEventListener('keydown', (event) => {
      // The ARIA tabs pattern: ← → wrap around, Home and End go to the first and last tab.
      const count = next.files.length;
      const targets: Record<string, number> = {
        ArrowRight: (position + 1) % count,
        ArrowLeft: (position - 1 + count) % count,
        Home: 0,
        End: count - 1,
      };
      const target = targets[event.key];
      const nextFile = target === undefined ? undefined : next.files[target];
      if (!nextFile) return;
      event.preventDefault();
      activate(nextFile.id, false);
      document.getElementById(`tab-${nextFile.id}`)?.focus();
    });
    tabs.append(tab);
    panels.append(panel);
  });
  // One main landmark: the files; the header above it is the banner.
  root.append(header, h('main', { class: 'files' }, tabs, panels));
  root.removeAttribute('aria-busy');
  renderExtractLine();
  activate(Math.min(state.activeFile, next.files.length - 1), true);
}

function tabLabel(file: ViewFile): HTMLElement {
  const count = tabCount(file);
  if (count === undefined) return h('span', {}, file.name);
  // Seen: the name and a count badge; heard: the visually hidden text, with the two apart.
  const shown = h('span', { 'aria-hidden': 'true' }, file.name, h('span', { class: 'tab-count' }, formatNumber(count)));
  return h('span', {}, shown, h('span', { class: 'visually-hidden' }, tabName(file)));
}

/** An error list's tab counts this round's rows (a comparison's fixed rows are the earlier round's). */
function tabCount(file: ViewFile): number | undefined {
  if (file.kind !== 'error-list') return undefined;
  return file.errors ? file.errors.filter((error) => error.status !== 'fixed').length : file.rows.length;
}

/** The tab's spoken name: the name and the count apart ("feilliste.csv, 30 rows", not "feilliste.csv30"). */
function tabName(file: ViewFile): string {
  const count = tabCount(file);
  return count === undefined ? file.name : t('{0}, {1} rows', file.name, formatNumber(count));
}

/** Shows a tab; its content is built the first time it is shown. `focusContent`: its grid gets focus. */
function activate(id: number, focusContent = true): void {
  if (!set || !state) return;
  state.activeFile = id;
  vscode.setState(state);
  for (const file of set.files) {
    const selected = file.id === id;
    document.getElementById(`tab-${file.id}`)?.setAttribute('aria-selected', String(selected));
    document.getElementById(`tab-${file.id}`)?.setAttribute('tabindex', selected ? '0' : '-1');
    const panel = document.getElementById(`panel-${file.id}`) as HTMLElement;
    panel.hidden = !selected;
    if (selected && panel.childElementCount === 0) panel.append(buildPanel(file));
  }
  if (focusContent) views.get(id)?.focus();
}

function buildPanel(file: ViewFile): HTMLElement {
  if (file.kind === 'text') return h('pre', { class: 'text-file' }, file.text);
  if (file.kind === 'other') {
    const open = h('button', { type: 'button', class: 'primary open-file' }, t('Open'));
    open.addEventListener('click', () => post({ type: 'openFile', file: file.id }));
    return h('div', { class: 'other-file' }, h('p', {}, t('{0} is not a table: {1}', file.name, file.reason)), open);
  }
  const view = new TableView(file, state?.files[file.id] ?? {}, {
    post,
    catalogue: set?.catalogue ?? {},
    extract: () => set?.extract ?? { located: 0, wanted: 0 },
    localControl: () => set?.localControl,
    comparison: () => set?.comparison,
    saveState: (fileState: FileViewState) => {
      if (!state) return;
      state.files[file.id] = fileState;
      vscode.setState(state);
    },
  });
  views.set(file.id, view);
  return view.element;
}

function renderExtractLine(): void {
  if (!extractLine || !set) return;
  clear(extractLine);
  const extract: ViewExtract = set.extract;
  if (set.localControl) {
    renderLocalControl(extractLine, set.localControl);
  } else {
    if (extract.name) {
      extractLine.append(
        t('Extract: {0}', extract.name),
        ' · ',
        t('{0} of {1} clients found', formatNumber(extract.located), formatNumber(extract.wanted)),
      );
    } else {
      const choose = h('button', { type: 'button', class: 'link choose-extract' }, t('Choose extract…'));
      choose.addEventListener('click', () => post({ type: 'chooseExtract' }));
      extractLine.append(extract.problem ?? t('The extract this feedback is about is not known.'), ' ', choose);
    }
    extractLine.append(compareLine(set.comparison));
  }
  for (const view of views.values()) view.extractChanged();
}

/** "Compare with…", or what the feedback is compared with and "Stop comparing". */
function compareLine(comparison: ViewSet['comparison']): HTMLElement {
  const line = h('div', { class: 'compare-line' });
  const compare = h(
    'button',
    { type: 'button', class: 'link compare-with' },
    comparison ? t('Compare with another…') : t('Compare with…'),
  );
  compare.addEventListener('click', () => post({ type: 'compareWith' }));
  if (!comparison) {
    line.append(compare);
    return line;
  }
  const stop = h('button', { type: 'button', class: 'link stop-comparing' }, t('Stop comparing'));
  stop.addEventListener('click', () => post({ type: 'stopComparing' }));
  line.append(t('Compared with {0}', comparison.label), ' · ', compare, ' · ', stop);
  return line;
}

/** A local control's header: when it ran and what it read, "Validate again", and what limits the list. */
function renderLocalControl(line: HTMLElement, control: ViewLocalControl): void {
  const again = h('button', { type: 'button', class: 'link validate-again' }, t('Validate again'));
  again.addEventListener('click', () => post({ type: 'validateAgain' }));
  line.append(
    t(
      'Checked {0} · {1} clients, {2} services',
      control.checkedAt,
      formatNumber(control.clients),
      formatNumber(control.services),
    ),
    ' · ',
    again,
  );
  const notices: HTMLElement[] = [];
  if (control.stale)
    notices.push(
      h(
        'div',
        { class: 'banner warning stale', role: 'status' },
        t('The extract changed after this control: its lines may be off. Validate again to see what is true now.'),
      ),
    );
  if (control.fatal)
    notices.push(
      h(
        'div',
        { class: 'banner error fatal', role: 'alert' },
        t('A fatal error stopped the control: the other rules did not run. Fix it first, then validate again.'),
      ),
    );
  for (const capped of control.capped)
    notices.push(
      h(
        'div',
        { class: 'banner info capped' },
        t('{0}: {1} of {2} findings listed', capped.ruleId, formatNumber(capped.shown), formatNumber(capped.total)),
      ),
    );
  if (notices.length > 0) line.append(h('div', { class: 'notices' }, ...notices));
}

post({ type: 'ready' });
