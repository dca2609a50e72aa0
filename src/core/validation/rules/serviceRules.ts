/**
 * Rules on `Tjeneste` (a service of a client): its type against code list 9151, its dates
 * and its hours. Each finding carries the service type (SSB's "tjenestetype" column).
 */
import { codeEntry } from '../codeLists/codeLists';
import { parseIsoDate } from '../isoDate';
import type { Rule } from '../ruleTypes';
import { isBlank, trimmed } from './attributeValue';

/** `timerPerUke` above this is T03: 168 is the hours of a week (168 itself is valid). */
export const MAX_HOURS_PER_WEEK = 168;

/** xs:decimal: digits with an optional point, optionally signed (Source A datatypes). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export const T01: Rule = {
  id: 'T01',
  element: 'Tjeneste',
  attributes: ['tjenesteType'],
  scope: 'element',
  basis: 'spec',
  source: 'A: XPR(ipl)_CodingSchemes.xsd, code list 9151 (IPLOS tjenestetype)',
  origin: 'local',
  message: {
    nb: 'Ukjent tjenestetype {value}: koden finnes ikke i Volven 9151.',
    en: 'Unknown service type {value}: the code is not in Volven 9151.',
  },
  catalogue: {
    nb: {
      title: 'Ukjent tjenestetype',
      meaning:
        'Tjenesten har en tjenestetype som ikke finnes i kodeverket for IPLOS-tjenester (Volven 9151). Verdi-kolonnen viser koden som ble sendt.',
      fix: 'Åpne brukerens vedtak i fagsystemet (EPJ) og se hvilken tjenestetype tjenesten er koblet til. Sjekk kommunens oppsett der lokale tjenester kobles til IPLOS-tjenestetyper mot Volven 9151, rett koblingen eller tjenesten, og ta et nytt uttrekk.',
    },
    en: {
      title: 'Unknown service type',
      meaning:
        'The service has a service type that is not in the code list for IPLOS services (Volven 9151). The value column shows the code that was sent.',
      fix: "Open the client's decision in the care record system (EPJ) and see which service type the service is mapped to. Check the municipality's setup where local services are mapped to IPLOS service types against Volven 9151, correct the mapping or the service, and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const type = element.attribute('tjenesteType');
        if (type === undefined || codeEntry('9151', type) === undefined) {
          report({ attribute: 'tjenesteType', value: type ?? '' });
        }
      },
    },
  ],
};

export const T04: Rule = {
  id: 'T04',
  element: 'Tjeneste',
  attributes: ['tjenesteType'],
  scope: 'element',
  basis: 'spec',
  source: 'A: XPR(ipl)_CodingSchemes.xsd, code list 9151: codes 6, 14, 23, 24, 26, 27, 28 marked "Utgått"',
  origin: 'local',
  message: {
    nb: 'Tjenestetype {value} ({text}) er utgått i Volven 9151: {comment}',
    en: 'Service type {value} ({text}) has expired in Volven 9151: {comment}',
  },
  catalogue: {
    nb: {
      title: 'Utgått tjenestetype',
      meaning:
        'Tjenesten har en tjenestetype som finnes i Volven 9151, men er merket «Utgått» og skal ikke lenger rapporteres som IPLOS-tjeneste (trygghetsalarm og annen velferdsteknologi rapporteres nå etter kodeverk 9346; tvangstiltakene 14, 23 og 24 er tatt ut). Verdi-kolonnen viser koden.',
      fix: 'Finn tjenesten i brukerens vedtak i EPJ og sjekk koblingen mellom den lokale tjenesten og IPLOS-tjenestetypen. Koble tjenesten til en gjeldende tjenestetype, eller registrer velferdsteknologi slik EPJ sin rutine for kodeverk 9346 sier, og ta et nytt uttrekk.',
    },
    en: {
      title: 'Expired service type',
      meaning:
        'The service has a service type that is in Volven 9151 but marked "Utgått" (expired), so it is no longer reported as an IPLOS service (safety alarms and other welfare technology now follow code list 9346; the coercion codes 14, 23 and 24 were withdrawn). The value column shows the code.',
      fix: "Find the service in the client's decision in the EPJ and check how the local service is mapped to an IPLOS service type. Map it to a current service type, or register welfare technology as the EPJ's routine for code list 9346 says, and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const type = element.attribute('tjenesteType');
        const entry = type === undefined ? undefined : codeEntry('9151', type);
        if (type !== undefined && entry?.expired !== undefined) {
          report({ attribute: 'tjenesteType', value: type, params: { text: entry.text, comment: entry.expired } });
        }
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

export const T03: Rule = {
  id: 'T03',
  element: 'Tjeneste',
  attributes: ['timerPerUke'],
  scope: 'element',
  basis: 'guidance',
  source:
    'B: Helsedirektoratet, questions and answers on IPLOS services — a service cannot have more than 168 hours a week',
  origin: 'local',
  message: {
    nb: 'timerPerUke er {value}, mer enn {limit} timer per uke.',
    en: 'timerPerUke is {value}, more than {limit} hours a week.',
  },
  catalogue: {
    nb: {
      title: 'Mer enn 168 timer per uke',
      meaning:
        'Tjenesten har flere timer per uke (timerPerUke) enn det finnes timer i en uke (168). Verdi-kolonnen viser tallet som ble sendt.',
      fix: 'Sjekk omfanget i vedtaket i EPJ. Vanlige årsaker er minutter registrert som timer, eller timer per måned eller år registrert som timer per uke. Rett til antall timer per uke og ta et nytt uttrekk.',
    },
    en: {
      title: 'More than 168 hours per week',
      meaning:
        'The service has more hours per week (timerPerUke) than a week has (168). The value column shows the number that was sent.',
      fix: 'Check the scope in the decision in the EPJ. Common causes are minutes registered as hours, or hours per month or year registered as hours per week. Correct it to hours per week and extract again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const hours = trimmed(element, 'timerPerUke');
        if (hours !== undefined && DECIMAL.test(hours) && Number(hours) > MAX_HOURS_PER_WEEK) {
          report({ attribute: 'timerPerUke', value: hours, params: { limit: MAX_HOURS_PER_WEEK } });
        }
      },
    },
  ],
};

export const T05: Rule = {
  id: 'T05',
  element: 'Tjeneste',
  attributes: ['timerPerUke'],
  scope: 'element',
  basis: 'spec',
  source:
    'A: XPR(ipl)_Annotations.xsd, hours as a decimal number (xs:decimal, point as separator); a negative number of hours cannot be',
  origin: 'local',
  message: {
    nb: 'timerPerUke er «{value}», som ikke er et tall timer (desimaltall med punktum, minst 0).',
    en: 'timerPerUke is "{value}", which is not a number of hours (a decimal with a point, at least 0).',
  },
  catalogue: {
    nb: {
      title: 'Timer per uke er ikke et gyldig tall',
      meaning:
        'Tjenestens timer per uke (timerPerUke) er ikke et tall, eller er negativt. Tallet skal skrives med punktum som desimalskille (for eksempel 7.5). Verdi-kolonnen viser det som ble sendt.',
      fix: 'Sjekk omfanget i vedtaket i EPJ og registrer antall timer per uke som et tall. Skyldes det formatet i uttrekket (komma i stedet for punktum), meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Hours per week is not a valid number',
      meaning:
        "The service's hours per week (timerPerUke) is not a number, or is negative. The number is written with a point as decimal separator (for example 7.5). The value column shows what was sent.",
      fix: "Check the scope in the decision in the EPJ and register the hours per week as a number. If the extract's format is at fault (a comma instead of a point), tell the EPJ vendor. Extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const hours = element.attribute('timerPerUke');
        if (hours === undefined) return;
        const value = hours.trim();
        if (!DECIMAL.test(value) || Number(value) < 0) report({ attribute: 'timerPerUke', value: hours });
      },
    },
  ],
};

export const O01: Rule = {
  id: 'O01',
  element: 'Tjeneste',
  attributes: ['tjenesteOrgNr'],
  scope: 'element',
  basis: 'assumption',
  source:
    "A: XPR(ipl)_Annotations.xsd — an organisation number has nine digits (optionally a tenth 0). That it sits on Tjeneste as tjenesteOrgNr is the project's assumption",
  origin: 'local',
  message: {
    nb: 'tjenesteOrgNr «{value}» er ikke et organisasjonsnummer (ni sifre).',
    en: 'tjenesteOrgNr "{value}" is not an organisation number (nine digits).',
  },
  catalogue: {
    nb: {
      title: 'Ugyldig organisasjonsnummer for tjenesten',
      meaning:
        'Organisasjonsnummeret til enheten som yter tjenesten (tjenesteOrgNr) har ikke ni sifre. Verdi-kolonnen viser det som ble sendt.',
      fix: 'Sjekk organisasjonsnummeret til enheten (virksomheten) i oppsettet i EPJ mot Enhetsregisteret, rett det, og ta et nytt uttrekk.',
    },
    en: {
      title: 'Invalid organisation number of the service',
      meaning:
        'The organisation number of the unit providing the service (tjenesteOrgNr) does not have nine digits. The value column shows what was sent.',
      fix: "Check the unit's organisation number in the EPJ setup against the Central Coordinating Register for Legal Entities (Enhetsregisteret), correct it, and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Tjeneste',
      test({ element, report }) {
        const number = element.attribute('tjenesteOrgNr');
        if (number !== undefined && !/^\d{9}0?$/.test(number.trim())) {
          report({ attribute: 'tjenesteOrgNr', value: number });
        }
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
