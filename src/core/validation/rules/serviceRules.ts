/**
 * Rules on `Tjeneste` (a service of a client): its type against code list 9151 (unknown T01,
 * expired T04), its hours and the unit's organisation number. Each finding carries the service
 * type (SSB's "tjenestetype" column).
 */
import { codeEntry } from '../codeLists/codeLists';
import type { Rule } from '../ruleTypes';
import { trimmed } from './attributeValue';

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
