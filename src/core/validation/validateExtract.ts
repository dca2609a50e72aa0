/**
 * The local control of an IPLOS batch extract: one streaming pass, fatal gates first, then
 * the rules dispatched by element name (see rules/). The file is read in 64 KiB chunks,
 * decoded in the character set it declares (extractDecoder.ts), and parsed by saxes, which
 * never fetches or expands anything from a DOCTYPE; a DOCTYPE that declares entities is
 * refused (X01). What is kept while reading is bounded whatever the file size: the current
 * client, a few counters, B03's hash set (~16 bytes per client) and at most `maxPerRule`
 * findings per rule. When a gate fires (not well-formed, wrong root, not a batch, wrong or
 * missing municipality) reading stops and only the gate's finding is reported: well-formedness
 * is only known at the end, so nothing found before it can be trusted.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { abortError, throwIfAborted, type CancelledError } from '../abort';
import { TagStartTracker } from '../extract/tagPosition';
import { msg } from '../i18n';
import { detach } from './detach';
import { ElementView, localName } from './elementView';
import { fileSize, readError } from './extractFile';
import {
  createExtractDecoder,
  UndecodableBytesError,
  UnsupportedEncodingError,
  type ExtractDecoder,
} from './extractDecoder';
import type { ValidateOptions, ValidationReport } from './finding';
import { buildFinding, type FindingPlace } from './findingBuilder';
import { FindingCollector } from './findingCollector';
import { parseIsoDate } from './isoDate';
import { RULES } from './rules';
import { X01 } from './rules/fileRules';
import { buildDispatch } from './ruleDispatch';
import type { FindingDraft, OpenElement, Rule, SourcePosition, StateInput } from './ruleTypes';
import { severityProfile } from './severity';
import { ValidationState } from './validationState';

/** 64 KiB, not more: decoded strings over 128 KiB go straight to V8's old generation (measured: doubled peak RSS). */
const CHUNK_BYTES = 64 * 1024;
const DEFAULT_MAX_PER_RULE = 100;
/** An IPLOS extract nests five levels; far deeper is a hostile or broken file (saxes keeps a stack entry per level). */
const MAX_DEPTH = 64;
/**
 * Characters read without a new start tag: above this, one token (an attribute value, a
 * comment, a DOCTYPE, a tag of many attributes) is growing inside saxes without bound. An
 * IPLOS tag is under 2 KiB; 1 Mi characters of one token cost saxes some tens of MiB at most.
 */
const MAX_CHARS_WITHOUT_TAG = 1024 * 1024;

const DISPATCH = buildDispatch(RULES);

export async function validateExtract(path: string, options: ValidateOptions): Promise<ValidationReport> {
  const { signal, onProgress } = options;
  const language = options.language ?? 'en';
  throwIfAborted(signal, cancelled);
  const size = await fileSize(path);
  throwIfAborted(signal, cancelled);

  const state = new ValidationState(options.municipality, options.year, new Date().getFullYear() - 1);
  const collector = new FindingCollector(
    options.maxPerRule ?? DEFAULT_MAX_PER_RULE,
    RULES.map((rule) => rule.id),
  );
  const report: ValidationReport = {
    year: state.year,
    fatal: false,
    findings: [],
    tallies: [],
    counts: { critical: 0, error: 0, warning: 0, info: 0 },
    size,
    clients: 0,
    services: 0,
  };

  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const tags = new TagStartTracker(parser);
  const view = new ElementView();
  let depth = 0;
  let bom = false;
  let lastTagAt = 0;
  /** The rule whose predicate is running, and the element it looks at (undefined after its start tag). */
  let currentRule: Rule = X01;
  let elementOpen = false;
  let elementPosition: SourcePosition | undefined;
  let serviceType = '';

  const stopped = (): boolean => collector.gate !== undefined;
  /** The year's severities, looked up again only when the year changes (at the root). */
  let profile = { year: state.year, severities: severityProfile(state.year).severities };

  const editorColumn = (line: number, column: number): number => (line === 1 && bom ? column - 1 : column);

  const positionOfElement = (): SourcePosition => {
    if (elementPosition === undefined) {
      const start = tags.start(view.qualifiedName);
      elementPosition = { line: start.line, column: start.column ?? 1 };
    }
    return elementPosition;
  };

  const add = (rule: Rule, draft: FindingDraft): void => {
    if (profile.year !== state.year) profile = { year: state.year, severities: severityProfile(state.year).severities };
    const severity = profile.severities[rule.id] ?? 'error';
    collector.add(rule, severity, () => {
      let at: FindingPlace = { element: draft.at?.element ?? '', position: draft.at ?? { line: 1, column: 1 } };
      if (draft.at === undefined && elementOpen) {
        at = { element: view.name, position: positionOfElement() };
        const found = draft.attribute === undefined ? undefined : tags.attribute(view.qualifiedName, draft.attribute);
        if (found?.column !== undefined) {
          at = { ...at, position: { line: found.line, column: found.column }, attribute: draft.attribute };
        }
      }
      return buildFinding(rule, severity, draft, at, {
        language,
        brukerNr: state.client?.brukerNr ?? '',
        kommuneNr: state.kommuneNr,
        serviceType: at.element === 'Tjeneste' ? serviceType : '',
      });
    });
  };

  const reportX01 = (
    variant: string | undefined,
    params: Record<string, string | number>,
    at: SourcePosition,
  ): void => {
    add(X01, { ...(variant === undefined ? {} : { variant }), params, at: { element: '', ...at } });
  };

  const draftReport = (draft: FindingDraft): void => add(currentRule, draft);
  // One input object for every call: a predicate reads it during the call only.
  const openInput = { element: view as OpenElement, state, report: draftReport };
  const stateInput = { state, report: draftReport };

  const runOpen = (key: string): void => {
    const checks = DISPATCH.open.get(key);
    if (checks === undefined) return;
    for (const [rule, check] of checks) {
      if (stopped()) return;
      currentRule = rule;
      check.test(openInput);
    }
  };
  const runLater = (checks: readonly [Rule, { test(input: StateInput): void }][] | undefined): void => {
    for (const [rule, check] of checks ?? []) {
      if (stopped()) return;
      currentRule = rule;
      check.test(stateInput);
    }
  };

  const onRoot = (tag: SaxesTagPlain, name: string): void => {
    state.root = { name: detach(tag.name), position: positionOfElement() };
    if (name === 'Melding') readMessage();
    report.year = state.year;
    runOpen('#root');
    if (name === 'Melding') runOpen('Melding');
  };

  /** The facts of `<Melding>` several rules and the report need: the period, the year, the EPJ. */
  const readMessage = (): void => {
    const text = (attribute: string): string | undefined => {
      const value = view.attribute(attribute)?.trim();
      return value === undefined ? undefined : detach(value);
    };
    const from = text('fraDatoPeriode');
    const to = text('tilDatoPeriode');
    const extractedAt = text('uttakDato');
    const period = {
      from: parseIsoDate(from ?? ''),
      to: parseIsoDate(to ?? ''),
      extractedAt: parseIsoDate(extractedAt ?? ''),
    };
    state.period = Object.fromEntries(Object.entries(period).filter(([, date]) => date !== undefined));
    state.year = options.year ?? period.from?.year ?? period.to?.year ?? state.year;
    if (from !== undefined && to !== undefined) report.period = { from, to };
    if (extractedAt !== undefined) report.extractedAt = extractedAt;
    const epj = { name: text('navnEPJ'), version: text('versjonEPJ'), vendor: text('leverandor') };
    const present = Object.fromEntries(Object.entries(epj).filter(([, value]) => value !== undefined && value !== ''));
    if (Object.keys(present).length > 0) report.epj = present;
  };

  parser.on('opentagstart', () => {
    tags.mark();
    lastTagAt = parser.position;
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (stopped()) return;
    const name = localName(tag.name);
    view.reset(tag.name, name, depth, tag.attributes);
    elementOpen = true;
    elementPosition = undefined;
    try {
      if (depth > MAX_DEPTH) {
        return reportX01('tooDeep', { limit: MAX_DEPTH }, positionOfElement());
      }
      if (depth === 1) return onRoot(tag, name);
      switch (name) {
        case 'Kommune':
          if (depth !== 2) return;
          state.kommuneElements++;
          state.firstKommune ??= positionOfElement();
          state.kommuneNr = detach(view.attribute('kommuneNr')?.trim() ?? '');
          if (report.municipality === undefined && state.kommuneNr !== '') report.municipality = state.kommuneNr;
          break;
        case 'Kontaktperson':
          if (depth !== 2) return;
          state.contactPersons++;
          break;
        case 'Bruker':
          state.clients++;
          state.client = {
            brukerNr: view.attribute('brukerNr')?.trim() ?? '',
            position: positionOfElement(),
            services: 0,
            assessments: 0,
          };
          break;
        case 'Vurdering':
          if (state.client !== undefined) state.client.assessments++;
          break;
        case 'Tjeneste':
          state.services++;
          if (state.client !== undefined) state.client.services++;
          serviceType = view.attribute('tjenesteType')?.trim() ?? '';
          break;
        default:
          return;
      }
      runOpen(name);
    } finally {
      elementOpen = false;
    }
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (stopped()) return;
    if (localName(tag.name) === 'Bruker') {
      runLater(DISPATCH.close.get('Bruker'));
      state.client = undefined;
    }
  });
  parser.on('doctype', (doctype) => {
    if (stopped() || !/<!ENTITY/i.test(doctype)) return;
    reportX01('entities', {}, { line: parser.line, column: editorColumn(parser.line, parser.column) });
  });
  parser.on('error', (error) => {
    if (stopped()) return;
    const reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    reportX01(undefined, { reason }, { line: parser.line, column: editorColumn(parser.line, parser.column) });
  });

  const write = (text: string): void => {
    if (text.length === 0 || stopped()) return;
    if (parser.position === 0 && text.charCodeAt(0) === 0xfeff) bom = true;
    tags.feed(text);
    parser.write(text);
    if (!stopped() && parser.position - lastTagAt > MAX_CHARS_WITHOUT_TAG) {
      const line = parser.line;
      reportX01('tooLong', { limit: MAX_CHARS_WITHOUT_TAG }, { line, column: editorColumn(line, parser.column) });
    }
  };

  const undecodable = (error: UndecodableBytesError): void => {
    write(error.text);
    if (stopped()) return;
    const line = parser.line;
    reportX01(
      'undecodable',
      { encoding: error.encoding, offset: error.offset },
      { line, column: editorColumn(line, parser.column + 1) },
    );
  };

  if (size === 0) {
    reportX01('empty', {}, { line: 1, column: 1 });
  } else {
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    const onAbort = (): void => {
      stream.destroy(cancelled(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let decoder: ExtractDecoder | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        throwIfAborted(signal, cancelled);
        try {
          decoder ??= createExtractDecoder(chunk);
          write(decoder.decode(chunk));
        } catch (error) {
          if (error instanceof UndecodableBytesError) undecodable(error);
          else if (error instanceof UnsupportedEncodingError)
            reportX01('encoding', { encoding: error.encoding }, { line: 1, column: 1 });
          else throw error;
        }
        onProgress?.({ bytesDone: stream.bytesRead, bytesTotal: Math.max(size, stream.bytesRead) });
        if (stopped()) break;
      }
      throwIfAborted(signal, cancelled);
      if (!stopped()) {
        try {
          write(decoder?.end() ?? '');
        } catch (error) {
          if (!(error instanceof UndecodableBytesError)) throw error;
          undecodable(error);
        }
      }
      if (!stopped()) parser.close();
    } catch (error) {
      throwIfAborted(signal, cancelled);
      throw readError(path, error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
  }

  // What is missing is only known once the whole file was read.
  if (!stopped()) {
    runLater(DISPATCH.end);
  }
  onProgress?.({ bytesDone: size, bytesTotal: size });

  const result = collector.result();
  report.year = state.year;
  report.fatal = collector.gate !== undefined;
  report.findings = result.findings;
  report.tallies = result.tallies;
  report.counts = result.counts;
  report.clients = state.clients;
  report.services = state.services;
  return report;
}

function cancelled(signal: AbortSignal | undefined): CancelledError {
  return abortError(msg('The validation of the extract was cancelled.'), signal);
}
