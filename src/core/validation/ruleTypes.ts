/**
 * What a rule is: data (a stable id, the element it reads, its scope, its basis and source,
 * messages and catalogue text in Norwegian and English) plus a small predicate that the engine
 * calls for the elements it names. Severities are not here: they live in the yearly profile
 * (severityProfiles.json), so a rule never changes to change its severity.
 */
import type { FindingOrigin } from './finding';
import type { ValidationState } from './validationState';

export type RuleLanguage = 'nb' | 'en';

/**
 * What the rule's fact rests on: `spec` — Helsedirektoratet's message specification (Source A)
 * or another normative text (Skatteetaten for identity numbers); `guidance` — Helsedirektoratet's
 * guides (Source B); `assumption` — the project's own, until a public source says otherwise.
 */
export type RuleBasis = 'spec' | 'guidance' | 'assumption';

/** What one finding is about: an element, a client, the whole file, or something seen across the file. */
export type RuleScope = 'element' | 'client' | 'file' | 'across';

export interface CatalogueText {
  title: string;
  /** What the finding means, in the officer's terms. */
  meaning: string;
  /** What to do in the EPJ. */
  fix: string;
}

export type Texts<T> = Readonly<Record<RuleLanguage, T>>;

/** The data of a rule: everything but its predicate. */
export interface RuleMetadata {
  /** Stable id (e.g. "T01"): the finding's code, never a display title. */
  id: string;
  /** Local name of the element the rule reads ('' for the file as a whole). */
  element: string;
  /** The attributes the rule reads, if any. */
  attributes?: readonly string[];
  scope: RuleScope;
  basis: RuleBasis;
  /** Document and place ("A: XPR(ipl)_CodingSchemes.xsd, code list 9151"), or why it is an assumption. */
  source: string;
  /**
   * For an `assumption` rule that is an error or worse in a profile: why breaking the same
   * assumption makes SSB reject the file (shared/docs/iplos-control-rules.md, Cautions).
   */
  rejects?: string;
  /** 'ssb': only SSB can find it (no local predicate); the metadata serves the catalogue. */
  origin: FindingOrigin;
  /** A fatal gate: when it fires, only its finding is reported and the rest is not run. */
  gate?: boolean;
  /**
   * The finding's message. `{value}`, `{variable}`, `{brukerNr}`, `{kommuneNr}`, `{element}`,
   * `{attribute}` and the predicate's own params (`{limit}`) are filled in.
   */
  message: Texts<string>;
  /** Other wordings of the message for the same rule, chosen by the predicate (`variant`). */
  variants?: Readonly<Record<string, Texts<string>>>;
  /** The catalogue entry the viewer shows for the code (same for a local and an SSB finding). */
  catalogue: Texts<CatalogueText>;
}

/** One-based line and column of a `<` or an attribute's name. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** What a predicate hands the engine; the engine adds position, severity, client and message. */
export interface FindingDraft {
  /** The attribute the finding is about: the finding points at its name. */
  attribute?: string;
  /** The value as written ('' when missing). */
  value?: string;
  /** SSB's "variable" column; default: the attribute, else ''. */
  variable?: string;
  /** Extra placeholders for the message. */
  params?: Readonly<Record<string, string | number>>;
  /** Which of the rule's `variants` to use as message. */
  variant?: string;
  /** For findings made after the element was read (close, end): where and which element. */
  at?: SourcePosition & { element: string };
}

/** The element a predicate looks at, valid only during the call. */
export interface OpenElement {
  /** Local name (prefix removed). */
  readonly name: string;
  /** Name as written, with any prefix. */
  readonly qualifiedName: string;
  /** 1 for the root. */
  readonly depth: number;
  /** Value of the attribute with this local name (as written, not trimmed), or undefined. */
  attribute(name: string): string | undefined;
  /** Every attribute's local name and value, in file order. */
  attributes(): Iterable<[string, string]>;
}

export type Report = (draft: FindingDraft) => void;

export interface OpenInput {
  element: OpenElement;
  state: ValidationState;
  report: Report;
}

export interface StateInput {
  state: ValidationState;
  report: Report;
}

/** When the engine calls a predicate: at an element's start tag, at its end tag, or at the end of the file. */
export type RuleCheck =
  | { when: 'open'; element: string; test(input: OpenInput): void }
  | { when: 'close'; element: string; test(input: StateInput): void }
  | { when: 'end'; test(input: StateInput): void };

export interface Rule extends RuleMetadata {
  /** Empty for SSB-only rules and for X01, which the engine raises itself (the parser's errors). */
  checks: readonly RuleCheck[];
}
