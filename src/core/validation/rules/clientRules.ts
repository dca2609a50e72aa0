/**
 * Rules on `Bruker` (a client) as such: its number, once per municipality (B03 looks across
 * the file keeping only a hash per client, duplicateSet.ts), its services, and whether the
 * file has clients at all (B04).
 */
import type { Rule } from '../ruleTypes';
import { isBlank } from './attributeValue';

/** Source A, Annotations: brukerNr at most 100 characters. */
const MAX_CLIENT_NUMBER = 100;

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

export const B01: Rule = {
  id: 'B01',
  element: 'Bruker',
  scope: 'client',
  basis: 'guidance',
  source: 'B: "Registrering av IPLOS-data i kommunen" — a client in IPLOS receives (or has applied for) services',
  origin: 'local',
  message: { nb: 'Brukeren har ingen tjenester.', en: 'The client has no services.' },
  catalogue: {
    nb: {
      title: 'Bruker uten tjenester',
      meaning:
        'Brukeren er med i uttrekket, men har ingen tjenester i rapporteringsåret. Dette er en advarsel: det kan være riktig, men er ofte en feil.',
      fix: 'Sjekk i EPJ om brukeren hadde vedtak i året, og at vedtakene har riktige datoer og er koblet til en IPLOS-tjenestetype. Er brukeren registrert ved en feil, eller har søknaden fått avslag, rett registreringen slik rutinen i EPJ sier. Er det riktig, trenger du ikke gjøre noe.',
    },
    en: {
      title: 'Client without services',
      meaning:
        'The client is in the extract but has no services in the reporting year. This is a warning: it can be correct, but it is often a mistake.',
      fix: "Check in the EPJ whether the client had decisions in the year, with correct dates and mapped to an IPLOS service type. If the client was registered by mistake, or the application was refused, correct the registration as the EPJ's routine says. If it is correct, nothing needs to be done.",
    },
  },
  checks: [
    {
      when: 'close',
      element: 'Bruker',
      test({ state, report }) {
        const client = state.client;
        if (client !== undefined && client.services === 0) {
          report({ variable: 'Tjeneste', value: '', at: { element: 'Bruker', ...client.position } });
        }
      },
    },
  ],
};

export const B02: Rule = {
  id: 'B02',
  element: 'Bruker',
  attributes: ['brukerNr'],
  scope: 'client',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd (brukerNr required) and XPR(ipl)_Annotations.xsd (at most 100 characters)',
  origin: 'local',
  message: {
    nb: 'Brukeren mangler brukernummer (brukerNr).',
    en: 'The client has no client number (brukerNr).',
  },
  variants: {
    tooLong: {
      nb: 'Brukernummeret (brukerNr) har {length} tegn; høyst {limit} er tillatt.',
      en: 'The client number (brukerNr) has {length} characters; at most {limit} are allowed.',
    },
  },
  catalogue: {
    nb: {
      title: 'Brukernummer mangler eller er for langt',
      meaning:
        'Brukeren har ikke brukernummer (brukerNr), eller det er lengre enn 100 tegn. Brukernummeret er EPJ sitt eget nummer for brukeren, og SSB trenger det for å vise hvilken bruker en feil gjelder.',
      fix: 'Sjekk brukerens registrering i EPJ. Mangler nummeret i uttrekket selv om brukeren har et i EPJ, meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Client number missing or too long',
      meaning:
        "The client has no client number (brukerNr), or it is longer than 100 characters. The client number is the EPJ's own number for the client, and SSB needs it to show which client an error is about.",
      fix: "Check the client's registration in the EPJ. If the number is missing from the extract although the client has one in the EPJ, tell the EPJ vendor. Extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const number = element.attribute('brukerNr');
        if (isBlank(number)) {
          report({ attribute: 'brukerNr', variable: 'brukerNr', value: number ?? '' });
        } else if (number.length > MAX_CLIENT_NUMBER) {
          report({
            attribute: 'brukerNr',
            value: number,
            variant: 'tooLong',
            params: { length: number.length, limit: MAX_CLIENT_NUMBER },
          });
        }
      },
    },
  ],
};

export const B03: Rule = {
  id: 'B03',
  element: 'Bruker',
  attributes: ['brukerNr'],
  scope: 'across',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd — a client (brukerNr) occurs once per municipality',
  origin: 'local',
  message: {
    nb: 'Brukernummeret {value} finnes også tidligere i filen for kommune {kommuneNr}; en bruker skal bare være med én gang per kommune.',
    en: 'The client number {value} also occurs earlier in the file for municipality {kommuneNr}; a client is reported once per municipality.',
  },
  catalogue: {
    nb: {
      title: 'Samme bruker flere ganger',
      meaning:
        'Det samme brukernummeret (brukerNr) står mer enn én gang under samme kommune. Hver bruker skal være med én gang, med alle sine tjenester og vurderinger. Verdi-kolonnen viser brukernummeret.',
      fix: 'Søk opp brukernummeret i EPJ. Er det to registreringer av samme person, slå dem sammen slik rutinen i EPJ sier. Har to personer fått samme nummer, meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Same client more than once',
      meaning:
        'The same client number (brukerNr) occurs more than once under the same municipality. Each client is reported once, with all their services and assessments. The value column shows the client number.',
      fix: "Look the client number up in the EPJ. If the same person is registered twice, merge the registrations as the EPJ's routine says. If two people share a number, tell the EPJ vendor. Extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, state, report }) {
        const number = element.attribute('brukerNr')?.trim();
        if (number === undefined || number === '') return;
        if (!state.brukerNumbers.add(state.kommuneNr, number)) report({ attribute: 'brukerNr', value: number });
      },
    },
  ],
};
