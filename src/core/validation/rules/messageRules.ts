/**
 * Rules on the message as a whole: `Melding`'s period and EPJ attributes, the contact
 * persons, the municipality's number, and whether there are clients at all. Findings about
 * something missing from the whole file point at `<Melding>` (or the first `<Kommune>`).
 */
import { codeEntry } from '../codeLists/codeLists';
import { parseIsoDate } from '../isoDate';
import type { Rule } from '../ruleTypes';
import { isBlank, trimmed } from './attributeValue';

const PERIOD_ATTRIBUTES = ['fraDatoPeriode', 'tilDatoPeriode', 'uttakDato'] as const;
/** Source A, Annotations: each at most 100 characters. */
const EPJ_ATTRIBUTES = ['leverandor', 'navnEPJ', 'versjonEPJ', 'versjonUt'] as const;
const MAX_EPJ_TEXT = 100;
/** Code list 8471: 17 = IPLOS innsendingsansvarlig. */
const RESPONSIBLE_CONTACT = '17';

export const P01: Rule = {
  id: 'P01',
  element: 'Melding',
  attributes: PERIOD_ATTRIBUTES,
  scope: 'file',
  basis: 'assumption',
  source:
    "A: XPR(ipl)_Annotations.xsd, fraDatoPeriode / tilDatoPeriode / uttakDato as dates (CCYY-MM-DD). That the batch extract carries them is the project's assumption (domain.md; the 56.0.0 schema prohibits them)",
  rejects: 'Without a period SSB cannot tell which reporting year the batch is for.',
  origin: 'local',
  message: {
    nb: '<Melding> har {attribute}="{value}", som ikke er en dato (ÅÅÅÅ-MM-DD). Ta et nytt uttrekk fra EPJ.',
    en: '<Melding> has {attribute}="{value}", which is not a date (YYYY-MM-DD). Export the extract from the EPJ again.',
  },
  variants: {
    missing: {
      nb: '<Melding> mangler {variable}, så perioden uttrekket gjelder er ukjent. Ta årsuttrekket fra EPJ; det oppgir perioden (fraDatoPeriode, tilDatoPeriode) og uttaksdatoen (uttakDato).',
      en: '<Melding> has no {variable}, so the period of the extract is unknown. Export the yearly batch extract from the EPJ; it states the period (fraDatoPeriode, tilDatoPeriode) and the extraction date (uttakDato).',
    },
  },
  catalogue: {
    nb: {
      title: 'Perioden mangler eller er ugyldig',
      meaning:
        'Meldingen mangler periodens fra- eller til-dato (fraDatoPeriode, tilDatoPeriode) eller uttaksdatoen (uttakDato), eller en av dem er ikke en gyldig dato. Uten periode vet ikke SSB hvilket år uttrekket gjelder.',
      fix: 'Ta årsuttrekket på nytt fra EPJ med perioden 1. januar til 31. desember i rapporteringsåret. Mangler perioden fortsatt, meld det til leverandøren av EPJ.',
    },
    en: {
      title: 'Period missing or invalid',
      meaning:
        "The message lacks the period's start or end date (fraDatoPeriode, tilDatoPeriode) or the extraction date (uttakDato), or one of them is not a valid date. Without a period SSB does not know which year the extract is for.",
      fix: 'Export the yearly extract again from the EPJ with the period 1 January to 31 December of the reporting year. If the period is still missing, tell the EPJ vendor.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Melding',
      test({ element, report }) {
        for (const name of PERIOD_ATTRIBUTES) {
          const value = element.attribute(name);
          if (isBlank(value)) report({ variant: 'missing', variable: name, value: value ?? '' });
          else if (!parseIsoDate(value)) report({ attribute: name, value });
        }
      },
    },
  ],
};

export const P02: Rule = {
  id: 'P02',
  element: 'Melding',
  attributes: PERIOD_ATTRIBUTES,
  scope: 'file',
  basis: 'spec',
  source:
    'A: XPR(ipl)_Annotations.xsd — fraDatoPeriode has valueRangeTo uttakDato, uttakDato has valueRangeFrom tilDatoPeriode (fraDatoPeriode ≤ tilDatoPeriode ≤ uttakDato)',
  origin: 'local',
  message: {
    nb: 'Perioden går baklengs: fraDatoPeriode {from} er etter tilDatoPeriode {value}. Ta et nytt uttrekk fra EPJ med gyldig periode.',
    en: 'The reporting period runs backwards: fraDatoPeriode {from} is after tilDatoPeriode {value}. Export the extract from the EPJ again with a valid period.',
  },
  variants: {
    extractedEarly: {
      nb: 'Uttaksdatoen (uttakDato {value}) er før periodens slutt (tilDatoPeriode {to}): uttrekket er tatt før perioden var over. Ta et nytt uttrekk etter at perioden er slutt.',
      en: 'The extraction date (uttakDato {value}) is before the end of the period (tilDatoPeriode {to}): the extract was taken before the period was over. Extract again after the period has ended.',
    },
  },
  catalogue: {
    nb: {
      title: 'Periodens datoer i feil rekkefølge',
      meaning:
        'Datoene i meldingen må komme i rekkefølgen periodens start (fraDatoPeriode), periodens slutt (tilDatoPeriode) og uttaksdato (uttakDato). Her gjør de ikke det: perioden går baklengs, eller uttrekket er tatt før perioden var over.',
      fix: 'Ta et nytt uttrekk fra EPJ for hele rapporteringsåret, etter 31. desember. Sjekk at perioden som er valgt i EPJ er 1. januar til 31. desember.',
    },
    en: {
      title: 'Period dates out of order',
      meaning:
        "The message's dates must come in the order start of the period (fraDatoPeriode), end of the period (tilDatoPeriode), extraction date (uttakDato). Here they do not: the period runs backwards, or the extract was taken before the period was over.",
      fix: 'Export a new extract from the EPJ for the whole reporting year, after 31 December. Check that the period chosen in the EPJ is 1 January to 31 December.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Melding',
      test({ state, report }) {
        const { from, to, extractedAt } = state.period;
        if (from && to && from.day > to.day) {
          report({ attribute: 'tilDatoPeriode', value: to.raw, params: { from: from.raw } });
        }
        if (to && extractedAt && extractedAt.day < to.day) {
          report({ attribute: 'uttakDato', value: extractedAt.raw, variant: 'extractedEarly', params: { to: to.raw } });
        }
      },
    },
  ],
};

export const P03: Rule = {
  id: 'P03',
  element: 'Melding',
  attributes: ['fraDatoPeriode', 'tilDatoPeriode'],
  scope: 'file',
  basis: 'guidance',
  source: 'B: "Rapportere data til KPR" — the yearly report covers the previous calendar year',
  origin: 'local',
  message: {
    nb: 'Perioden er {from} til {to}, som ikke ligger innenfor rapporteringsåret {year}. Ta uttrekket for {year} (1. januar til 31. desember {year}), eller velg riktig rapporteringsår.',
    en: 'The reporting period is {from} to {to}, which is not inside the reporting year {year}. Export the extract for {year} (1 January to 31 December {year}), or choose the right reporting year.',
  },
  variants: {
    ownYear: {
      nb: 'Perioden er {from} til {to}, som ikke ligger innenfor rapporteringsåret {year} (året til fraDatoPeriode). Ta uttrekket for {year} (1. januar til 31. desember {year}), eller velg riktig rapporteringsår.',
      en: 'The reporting period is {from} to {to}, which is not inside the reporting year {year} (the year of fraDatoPeriode). Export the extract for {year} (1 January to 31 December {year}), or choose the right reporting year.',
    },
  },
  catalogue: {
    nb: {
      title: 'Perioden er utenfor rapporteringsåret',
      meaning:
        'Perioden uttrekket gjelder (fraDatoPeriode til tilDatoPeriode) ligger ikke innenfor året det rapporteres for. Årsuttrekket skal dekke ett kalenderår.',
      fix: 'Ta uttrekket på nytt i EPJ for perioden 1. januar til 31. desember i rapporteringsåret, eller velg riktig år i utvidelsen.',
    },
    en: {
      title: 'Period outside the reporting year',
      meaning:
        'The period of the extract (fraDatoPeriode to tilDatoPeriode) is not inside the year being reported. The yearly extract covers one calendar year.',
      fix: 'Export the extract again in the EPJ for 1 January to 31 December of the reporting year, or choose the right year in the extension.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Melding',
      test({ state, report }) {
        const { from, to } = state.period;
        const outside = [from, to].find((date) => date !== undefined && date.year !== state.year);
        if (outside === undefined) return;
        report({
          attribute: outside === from ? 'fraDatoPeriode' : 'tilDatoPeriode',
          value: outside.raw,
          ...(state.requestedYear === undefined ? { variant: 'ownYear' } : {}),
          params: { from: from?.raw ?? '?', to: to?.raw ?? '?', year: state.year },
        });
      },
    },
  ],
};

export const M01: Rule = {
  id: 'M01',
  element: 'Melding',
  attributes: EPJ_ATTRIBUTES,
  scope: 'file',
  basis: 'spec',
  source: 'A: XPR(ipl)_Annotations.xsd — leverandor, navnEPJ, versjonEPJ, versjonUt at most 100 characters',
  origin: 'local',
  message: {
    nb: '{attribute} på <Melding> har {length} tegn; høyst {limit} er tillatt.',
    en: '{attribute} on <Melding> has {length} characters; at most {limit} are allowed.',
  },
  catalogue: {
    nb: {
      title: 'For lang tekst om EPJ',
      meaning:
        'En av opplysningene om fagsystemet i meldingen (leverandor, navnEPJ, versjonEPJ eller versjonUt) er lengre enn 100 tegn.',
      fix: 'Opplysningene skrives av EPJ selv. Meld feilen til leverandøren av EPJ, og ta et nytt uttrekk når den er rettet.',
    },
    en: {
      title: 'EPJ text too long',
      meaning:
        "One of the message's details about the care record system (leverandor, navnEPJ, versjonEPJ or versjonUt) is longer than 100 characters.",
      fix: 'The EPJ writes these details itself. Report the error to the EPJ vendor, and extract again once it is fixed.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Melding',
      test({ element, report }) {
        for (const name of EPJ_ATTRIBUTES) {
          const value = element.attribute(name);
          if (value !== undefined && value.length > MAX_EPJ_TEXT) {
            report({ attribute: name, value, params: { length: value.length, limit: MAX_EPJ_TEXT } });
          }
        }
      },
    },
  ],
};

export const C01: Rule = {
  id: 'C01',
  element: 'Kontaktperson',
  attributes: ['typeKontaktperson'],
  scope: 'file',
  basis: 'assumption',
  source:
    "A: XPR(ipl)_CodingSchemes.xsd, code list 8471: 17 = IPLOS innsendingsansvarlig. That the batch names one is the project's assumption (domain.md, the 2016 letter)",
  origin: 'local',
  message: {
    nb: 'Ingen kontaktperson har typeKontaktperson="17" (IPLOS innsendingsansvarlig).',
    en: 'No contact person has typeKontaktperson="17" (IPLOS innsendingsansvarlig).',
  },
  catalogue: {
    nb: {
      title: 'Innsendingsansvarlig mangler',
      meaning:
        'Meldingen har ingen kontaktperson av typen IPLOS innsendingsansvarlig (typeKontaktperson 17 i Volven 8471). SSB og Helsedirektoratet bruker den for spørsmål om innsendingen. Dette er en advarsel.',
      fix: 'Registrer kommunens IPLOS innsendingsansvarlig (navn, telefon, e-post) i IPLOS-oppsettet i EPJ, og ta et nytt uttrekk.',
    },
    en: {
      title: 'Submission officer missing',
      meaning:
        'The message has no contact person of the type IPLOS innsendingsansvarlig (typeKontaktperson 17 in Volven 8471). SSB and Helsedirektoratet use it for questions about the submission. This is a warning.',
      fix: "Register the municipality's IPLOS submission officer (name, phone, e-mail) in the IPLOS setup of the EPJ, and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kontaktperson',
      test({ element, state }) {
        if (trimmed(element, 'typeKontaktperson') === RESPONSIBLE_CONTACT) state.responsibleContact = true;
      },
    },
    {
      when: 'end',
      test({ state, report }) {
        if (state.contactPersons === 0 || state.responsibleContact || state.root === undefined) return;
        report({ variable: 'typeKontaktperson', value: '', at: { element: 'Melding', ...state.root.position } });
      },
    },
  ],
};

export const C02: Rule = {
  id: 'C02',
  element: 'Kontaktperson',
  attributes: ['typeKontaktperson'],
  scope: 'element',
  basis: 'spec',
  source: 'A: XPR(ipl)_CodingSchemes.xsd, code list 8471 (Kontaktperson type, 1–19)',
  origin: 'local',
  message: {
    nb: 'typeKontaktperson «{value}» er ikke en kode i Volven 8471 (1–19).',
    en: 'typeKontaktperson "{value}" is not a code in Volven 8471 (1–19).',
  },
  catalogue: {
    nb: {
      title: 'Ukjent type kontaktperson',
      meaning:
        'En kontaktperson har en type (typeKontaktperson) som mangler eller ikke finnes i Volven 8471. For IPLOS er 16 IPLOS kontaktperson og 17 IPLOS innsendingsansvarlig.',
      fix: 'Sjekk kontaktpersonene i IPLOS-oppsettet i EPJ og velg riktig type. Meld feilen til leverandøren av EPJ om typen ikke kan velges. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Unknown contact person type',
      meaning:
        'A contact person has a type (typeKontaktperson) that is missing or not in Volven 8471. For IPLOS, 16 is the IPLOS contact person and 17 the IPLOS submission officer.',
      fix: 'Check the contact persons in the IPLOS setup of the EPJ and choose the right type. Tell the EPJ vendor if the type cannot be chosen. Extract again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kontaktperson',
      test({ element, report }) {
        const type = element.attribute('typeKontaktperson');
        if (type === undefined || codeEntry('8471', type) === undefined) {
          report({ attribute: 'typeKontaktperson', value: type ?? '' });
        }
      },
    },
  ],
};

export const C03: Rule = {
  id: 'C03',
  element: 'Kontaktperson',
  scope: 'file',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd — at least one Kontaktperson under Melding',
  origin: 'local',
  message: {
    nb: 'Meldingen har ingen kontaktperson (<Kontaktperson>).',
    en: 'The message has no contact person (<Kontaktperson>).',
  },
  catalogue: {
    nb: {
      title: 'Kontaktperson mangler',
      meaning:
        'Meldingen har ingen kontaktperson. Meldingsspesifikasjonen krever minst én, og for IPLOS skal kommunens innsendingsansvarlige være med.',
      fix: 'Registrer kommunens IPLOS innsendingsansvarlig (og gjerne IPLOS kontaktperson) i IPLOS-oppsettet i EPJ, og ta et nytt uttrekk.',
    },
    en: {
      title: 'Contact person missing',
      meaning:
        "The message has no contact person. The message specification requires at least one, and for IPLOS the municipality's submission officer should be there.",
      fix: "Register the municipality's IPLOS submission officer (and preferably the IPLOS contact person) in the IPLOS setup of the EPJ, and extract again.",
    },
  },
  checks: [
    {
      when: 'end',
      test({ state, report }) {
        if (state.contactPersons > 0 || state.root === undefined) return;
        report({ variable: 'Kontaktperson', value: '', at: { element: 'Melding', ...state.root.position } });
      },
    },
  ],
};

export const K03: Rule = {
  id: 'K03',
  element: 'Kommune',
  attributes: ['kommuneNr'],
  scope: 'file',
  basis: 'spec',
  source: 'A: XPR(ipl)_Annotations.xsd — kommuneNr is four digits',
  origin: 'local',
  message: {
    nb: 'kommuneNr «{value}» er ikke et kommunenummer (fire sifre, for eksempel 0301).',
    en: 'kommuneNr "{value}" is not a municipality number (four digits, for example 0301).',
  },
  catalogue: {
    nb: {
      title: 'Kommunenummeret har feil format',
      meaning:
        'Kommunenummeret i filen (kommuneNr) er ikke fire sifre. Ofte mangler en ledende null (301 i stedet for 0301).',
      fix: 'Sjekk kommunenummeret i IPLOS-oppsettet i EPJ (fire sifre, med ledende null), og ta et nytt uttrekk.',
    },
    en: {
      title: 'Municipality number has the wrong format',
      meaning:
        'The municipality number in the file (kommuneNr) is not four digits. Often a leading zero is missing (301 instead of 0301).',
      fix: 'Check the municipality number in the IPLOS setup of the EPJ (four digits, with a leading zero), and extract again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kommune',
      test({ element, report }) {
        const number = element.attribute('kommuneNr');
        if (!isBlank(number) && !/^\d{4}$/.test(number.trim())) report({ attribute: 'kommuneNr', value: number });
      },
    },
  ],
};

export const K05: Rule = {
  id: 'K05',
  element: 'Kommune',
  attributes: ['kommuneNr'],
  scope: 'across',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd — kommuneNr is unique within a message',
  origin: 'local',
  message: {
    nb: 'Kommune {value} står mer enn én gang i meldingen.',
    en: 'Municipality {value} occurs more than once in the message.',
  },
  catalogue: {
    nb: {
      title: 'Samme kommune flere ganger',
      meaning:
        'Det samme kommunenummeret står i mer enn ett <Kommune>-element. Hver kommune skal stå én gang, med alle sine brukere.',
      fix: 'Filen er satt sammen feil, ofte av to uttrekk. Ta ett nytt uttrekk for kommunen fra EPJ og send det uten å endre det.',
    },
    en: {
      title: 'Same municipality more than once',
      meaning:
        'The same municipality number occurs in more than one <Kommune> element. Each municipality occurs once, with all its clients.',
      fix: 'The file was put together wrongly, often from two extracts. Export one new extract for the municipality from the EPJ and send it unchanged.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kommune',
      test({ element, state, report }) {
        const number = trimmed(element, 'kommuneNr');
        if (number !== undefined && number !== '' && !state.rememberMunicipality(number)) {
          report({ attribute: 'kommuneNr', value: number });
        }
      },
    },
  ],
};

export const B04: Rule = {
  id: 'B04',
  element: 'Bruker',
  scope: 'file',
  basis: 'guidance',
  source:
    'B: "Registrering av IPLOS-data i kommunen" — everyone who applies for or receives the services is registered, so a yearly extract without clients is not a report',
  origin: 'local',
  message: {
    nb: 'Uttrekket har ingen brukere (ingen <Bruker>-elementer). Sjekk perioden og utvalget i EPJ, og ta et nytt uttrekk.',
    en: 'The extract contains no clients (no <Bruker> elements). Check the period and the selection in the EPJ, and export the extract again.',
  },
  catalogue: {
    nb: {
      title: 'Ingen brukere i uttrekket',
      meaning:
        'Uttrekket har ingen brukere. En kommune har alltid brukere av helse- og omsorgstjenester, så som regel er perioden eller utvalget i EPJ feil.',
      fix: 'Sjekk perioden (1. januar til 31. desember) og utvalget (alle brukere med tjenester i året) i EPJ, og ta et nytt uttrekk.',
    },
    en: {
      title: 'No clients in the extract',
      meaning:
        'The extract has no clients. A municipality always has clients of health and care services, so usually the period or the selection in the EPJ is wrong.',
      fix: 'Check the period (1 January to 31 December) and the selection (every client with services in the year) in the EPJ, and export the extract again.',
    },
  },
  checks: [
    {
      when: 'end',
      test({ state, report }) {
        const at = state.firstKommune ?? state.root?.position;
        if (state.clients > 0 || at === undefined) return;
        report({ variable: 'Bruker', value: '', at: { element: state.firstKommune ? 'Kommune' : 'Melding', ...at } });
      },
    },
  ],
};
