/**
 * Rules on `Kontaktperson`: there is one, it has a type of code list 8471, and one of them is
 * the IPLOS submission officer (17). Findings about what is missing point at `<Melding>`.
 */
import { codeEntry } from '../codeLists/codeLists';
import type { Rule } from '../ruleTypes';
import { trimmed } from './attributeValue';

/** Code list 8471: 17 = IPLOS innsendingsansvarlig. */
const RESPONSIBLE_CONTACT = '17';

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
