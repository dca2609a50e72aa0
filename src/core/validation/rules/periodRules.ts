/**
 * Rules on `Melding`'s period and EPJ attributes: the three dates there, their order, the
 * reporting year, and the length of the EPJ's own texts. A finding about a missing attribute
 * points at `<Melding>`.
 */
import { parseIsoDate } from '../isoDate';
import type { Rule } from '../ruleTypes';
import { isBlank } from './attributeValue';

const PERIOD_ATTRIBUTES = ['fraDatoPeriode', 'tilDatoPeriode', 'uttakDato'] as const;
/** Source A, Annotations: each at most 100 characters. */
const EPJ_ATTRIBUTES = ['leverandor', 'navnEPJ', 'versjonEPJ', 'versjonUt'] as const;
const MAX_EPJ_TEXT = 100;

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
