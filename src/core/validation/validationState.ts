/**
 * What one run knows beyond the element at hand — the facts several rules read (the period,
 * the municipality, the current client) and the little cross-file state some rules keep. All
 * of it is bounded: numbers, the current client only, and B03's hash set; never a list per
 * client. The engine keeps the structural facts up to date; a rule may keep its own field
 * here, named after it (C01's `responsibleContact`, B03's `brukerNumbers`, K05's `kommuneNumbers`).
 */
import { DuplicateSet } from './duplicateSet';
import type { IsoDate } from './isoDate';
import type { SourcePosition } from './ruleTypes';

export interface ClientState {
  /** `brukerNr` as written, trimmed ('' when missing). */
  brukerNr: string;
  position: SourcePosition;
  /** `Tjeneste` elements seen so far under this client. */
  services: number;
  /** `Vurdering` elements seen so far under this client. */
  assessments: number;
}

/** At most this many distinct kommuneNr remembered for K05 (one is normal; more is a broken file). */
const MAX_REMEMBERED_MUNICIPALITIES = 1000;

export class ValidationState {
  /** The root element as written, and where it is. */
  root: { name: string; position: SourcePosition } | undefined;
  /** `Melding`'s dates as parsed (undefined when missing or not a date). */
  period: { from?: IsoDate; to?: IsoDate; extractedAt?: IsoDate } = {};
  /** The reporting year; set from the options or the period when the root is read. */
  year: number;
  /** `Kommune/@kommuneNr` of the current municipality, trimmed ('' before the first Kommune). */
  kommuneNr = '';
  /** `Kommune` elements under the root, and where the first one is. */
  kommuneElements = 0;
  firstKommune: SourcePosition | undefined;
  /** `Kontaktperson` elements. */
  contactPersons = 0;
  clients = 0;
  services = 0;
  /** The client being read (between `<Bruker>` and `</Bruker>`). */
  client: ClientState | undefined;

  /** C01: a Kontaktperson with typeKontaktperson 17 was seen. */
  responsibleContact = false;
  /** B03: municipality + brukerNr of every client so far, hashed. */
  readonly brukerNumbers = new DuplicateSet();
  /** K05: the kommuneNr seen so far (bounded). */
  private readonly municipalities = new Set<string>();

  constructor(
    /** The sender's municipality (the profile's), four digits. */
    readonly municipality: string,
    /** The year the caller asked for, if any. */
    readonly requestedYear: number | undefined,
    fallbackYear: number,
  ) {
    this.year = requestedYear ?? fallbackYear;
  }

  /** K05: remembers a kommuneNr; false when it was seen before. */
  rememberMunicipality(kommuneNr: string): boolean {
    if (this.municipalities.has(kommuneNr)) return false;
    if (this.municipalities.size < MAX_REMEMBERED_MUNICIPALITIES) this.municipalities.add(kommuneNr);
    return true;
  }
}
