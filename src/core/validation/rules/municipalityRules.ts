/**
 * Rules on `Kommune` that are not gates (K01 and K04 are, in fileRules.ts): the number's
 * format, and each municipality once per message (bounded: a few numbers remembered).
 */
import type { Rule } from '../ruleTypes';
import { isBlank, trimmed } from './attributeValue';

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
