/**
 * Rules on the dates of services and assessments: each a date of the calendar (D02), a
 * service's end not before its start (T02), inside the reporting year (D01), not after the
 * period (D03).
 */
import { parseIsoDate } from '../isoDate';
import type { Rule } from '../ruleTypes';
import { isBlank } from './attributeValue';

export const D02: Rule = {
  id: 'D02',
  element: 'Tjeneste, Vurdering',
  attributes: ['fraDato', 'tilDato', 'dato'],
  scope: 'element',
  basis: 'spec',
  source:
    'A: XPR(ipl)_Annotations.xsd, dates follow ISO 8601 CCYY-MM-DD (datatype Dato); fraDato and the assessment date are required',
  origin: 'local',
  message: {
    nb: '{attribute}="{value}" på <{element}> er ikke en dato (ÅÅÅÅ-MM-DD).',
    en: '{attribute}="{value}" on <{element}> is not a date (YYYY-MM-DD).',
  },
  variants: {
    missing: {
      nb: '<{element}> mangler {variable} (dato, ÅÅÅÅ-MM-DD).',
      en: '<{element}> has no {variable} (a date, YYYY-MM-DD).',
    },
  },
  catalogue: {
    nb: {
      title: 'Ugyldig dato',
      meaning:
        'En dato i uttrekket (tjenestens fraDato eller tilDato, eller vurderingens dato) mangler eller er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD. Variabel-kolonnen viser hvilken, verdi-kolonnen det som ble sendt.',
      fix: 'Finn vedtaket eller vurderingen i EPJ og registrer datoen på nytt. Er datoen riktig i EPJ, men feil i uttrekket, meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Invalid date',
      meaning:
        "A date in the extract (the service's fraDato or tilDato, or the assessment's date) is missing or not a valid date of the form YYYY-MM-DD. The variable column shows which, the value column what was sent.",
      fix: 'Find the decision or assessment in the EPJ and register the date again. If the date is right in the EPJ but wrong in the extract, tell the EPJ vendor. Extract again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const from = element.attribute('fraDato');
        if (isBlank(from)) report({ variant: 'missing', variable: 'fraDato', value: '' });
        else if (!parseIsoDate(from)) report({ attribute: 'fraDato', value: from });
        const to = element.attribute('tilDato');
        if (to !== undefined && !parseIsoDate(to)) report({ attribute: 'tilDato', value: to });
      },
    },
    {
      when: 'open',
      element: 'Vurdering',
      test({ element, report }) {
        const date = element.attribute('dato');
        if (isBlank(date)) report({ variant: 'missing', variable: 'dato', value: '' });
        else if (!parseIsoDate(date)) report({ attribute: 'dato', value: date });
      },
    },
  ],
};

export const T02: Rule = {
  id: 'T02',
  element: 'Tjeneste',
  attributes: ['fraDato', 'tilDato'],
  scope: 'element',
  basis: 'spec',
  source:
    'A: XPR(ipl)_Annotations.xsd, a period runs from its start date to its end date (fra ≤ til, as for the message period)',
  origin: 'local',
  message: {
    nb: 'Tjenestens tilDato {value} er før fraDato {from}.',
    en: "The service's tilDato {value} is before its fraDato {from}.",
  },
  catalogue: {
    nb: {
      title: 'Sluttdato før startdato',
      meaning: 'Tjenestens til-dato (tilDato) er tidligere enn fra-dato (fraDato). Verdi-kolonnen viser til-datoen.',
      fix: 'Finn tjenesten i brukerens vedtak i EPJ og rett fra- og til-dato. Ofte er det en tastefeil i år eller måned. Er tjenesten aldri startet, avslutt eller annuller vedtaket slik rutinen i EPJ sier, og ta et nytt uttrekk.',
    },
    en: {
      title: 'End date before start date',
      meaning:
        "The service's end date (tilDato) is earlier than its start date (fraDato). The value column shows the end date.",
      fix: "Find the service in the client's decision in the EPJ and correct the start and end dates; often the year or month is mistyped. If the service never started, end or cancel the decision as the EPJ's routine says, and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const from = parseIsoDate(element.attribute('fraDato') ?? '');
        const to = parseIsoDate(element.attribute('tilDato') ?? '');
        if (from && to && to.day < from.day)
          report({ attribute: 'tilDato', value: to.raw, params: { from: from.raw } });
      },
    },
  ],
};

export const D01: Rule = {
  id: 'D01',
  element: 'Tjeneste',
  attributes: ['fraDato'],
  scope: 'element',
  basis: 'guidance',
  source: 'B: "Rapportere data til KPR" — the yearly report covers the reporting year',
  origin: 'local',
  message: {
    nb: 'Tjenestens fraDato {value} ligger utenfor rapporteringsåret {year}.',
    en: "The service's fraDato {value} lies outside the reporting year {year}.",
  },
  catalogue: {
    nb: {
      title: 'Dato utenfor rapporteringsåret',
      meaning:
        'Tjenestens fra-dato (fraDato) ligger utenfor året det rapporteres for. Verdi-kolonnen viser datoen. Dette er en advarsel.',
      fix: 'Sjekk fra-datoen i vedtaket i EPJ. Er den feil (ofte feil år), rett den. Starter tjenesten virkelig etter året, skal den ikke være med: sjekk at uttrekket er tatt for riktig periode (1. januar til 31. desember) og ta et nytt uttrekk.',
    },
    en: {
      title: 'Date outside the reporting year',
      meaning:
        "The service's start date (fraDato) lies outside the year being reported. The value column shows the date. This is a warning.",
      fix: 'Check the start date in the decision in the EPJ. If it is wrong (often the wrong year), correct it. If the service really starts after the year, it does not belong in this submission: check that the extract covers the right period (1 January to 31 December) and extract again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, state, report }) {
        const from = parseIsoDate(element.attribute('fraDato') ?? '');
        if (from && from.year !== state.year)
          report({ attribute: 'fraDato', value: from.raw, params: { year: state.year } });
      },
    },
  ],
};

export const D03: Rule = {
  id: 'D03',
  element: 'Tjeneste',
  attributes: ['tilDato'],
  scope: 'element',
  basis: 'guidance',
  source:
    'B: "Rapportere data til KPR" — the extract reports what happened in the period; an end after tilDatoPeriode is not yet known',
  origin: 'local',
  message: {
    nb: 'Tjenestens tilDato {value} er etter periodens slutt (tilDatoPeriode {periodEnd}).',
    en: "The service's tilDato {value} is after the end of the period (tilDatoPeriode {periodEnd}).",
  },
  catalogue: {
    nb: {
      title: 'Sluttdato etter periodens slutt',
      meaning:
        'Tjenestens til-dato (tilDato) ligger etter slutten av perioden uttrekket gjelder (tilDatoPeriode). En planlagt sluttdato i framtiden er ofte riktig i EPJ, men hører ikke hjemme i årsuttrekket. Dette er en advarsel.',
      fix: 'Sjekk til-datoen i vedtaket i EPJ. Er den en tastefeil, rett den. Er det en planlagt sluttdato, sjekk med leverandøren av EPJ om uttrekket skal ta den med, og ta et nytt uttrekk om nødvendig.',
    },
    en: {
      title: 'End date after the end of the period',
      meaning:
        "The service's end date (tilDato) lies after the end of the period the extract covers (tilDatoPeriode). A planned end date in the future is often right in the EPJ, but does not belong in the yearly extract. This is a warning.",
      fix: 'Check the end date in the decision in the EPJ. If it is mistyped, correct it. If it is a planned end date, ask the EPJ vendor whether the extract should include it, and extract again if needed.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, state, report }) {
        const end = state.period.to;
        const to = parseIsoDate(element.attribute('tilDato') ?? '');
        if (end && to && to.day > end.day)
          report({ attribute: 'tilDato', value: to.raw, params: { periodEnd: end.raw } });
      },
    },
  ],
};
