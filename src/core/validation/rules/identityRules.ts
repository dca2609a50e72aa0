/**
 * Rules on a client's identity and person: typeID against code list 9032, fid as fødselsnummer
 * or D-nummer (identityNumber.ts), fid's length, and kjonn against code list 3101. The
 * identity number itself is personal data: no finding repeats it.
 */
import { codeEntry } from '../codeLists/codeLists';
import { identityNumberProblem, type IdentityKind } from '../identityNumber';
import type { Rule } from '../ruleTypes';
import { isBlank } from './attributeValue';

/** Source A, Annotations: fid at most 20 characters. */
const MAX_IDENTITY = 20;

const IDENTITY_KINDS: Readonly<Record<string, IdentityKind>> = { '1': 'fodselsnummer', '2': 'd-nummer' };

export const I01: Rule = {
  id: 'I01',
  element: 'Bruker',
  attributes: ['typeID'],
  scope: 'client',
  basis: 'assumption',
  source:
    'A: XPR(ipl)_CodingSchemes.xsd, code list 9032 (Type personidentifikasjon) on class "Bruker/pasient". That it is the attribute typeID of the batch extract\'s Bruker is the project\'s assumption',
  origin: 'local',
  message: {
    nb: 'typeID «{value}» er ikke en identitetstype i Volven 9032.',
    en: 'typeID "{value}" is not an identity type in Volven 9032.',
  },
  variants: {
    missing: {
      nb: 'Brukeren mangler identitetstype (typeID, Volven 9032).',
      en: 'The client has no identity type (typeID, Volven 9032).',
    },
  },
  catalogue: {
    nb: {
      title: 'Identitetstype mangler eller er ukjent',
      meaning:
        'Brukeren mangler typen identitet (typeID), eller typen finnes ikke i kodeverket Volven 9032 (1 fødselsnummer, 2 D-nummer, 10 DUF-nummer, …). Uten den vet ikke mottaker hvordan fid skal leses.',
      fix: 'Sjekk brukerens personopplysninger i EPJ (fødselsnummer eller annen identitet). Mangler typen i uttrekket selv om den er registrert, meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Identity type missing or unknown',
      meaning:
        'The client has no identity type (typeID), or the type is not in the code list Volven 9032 (1 national identity number, 2 D number, 10 DUF number, …). Without it the recipient does not know how to read fid.',
      fix: "Check the client's personal details in the EPJ (national identity number or other identity). If the type is missing from the extract although it is registered, tell the EPJ vendor. Extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const type = element.attribute('typeID');
        if (isBlank(type)) report({ variant: 'missing', variable: 'typeID', value: type ?? '' });
        else if (codeEntry('9032', type) === undefined) report({ attribute: 'typeID', value: type });
      },
    },
  ],
};

export const I02: Rule = {
  id: 'I02',
  element: 'Bruker',
  attributes: ['typeID'],
  scope: 'client',
  basis: 'spec',
  source:
    'A: XPR(ipl).docx and XPR(ipl)_CodingSchemes.xsd, code list 9032 — only 1 (fødselsnummer), 2 (D-nummer) and 10 (DUF-nummer) give a KPR identity; other types are accepted and reported back',
  origin: 'local',
  message: {
    nb: 'typeID {value} ({text}) gir ikke brukeren en identitet i KPR; brukeren tas med, men meldes tilbake som mangel.',
    en: 'typeID {value} ({text}) gives the client no identity in KPR; the client is accepted, but reported back as a deficiency.',
  },
  catalogue: {
    nb: {
      title: 'Identitet som ikke gir KPR-identitet',
      meaning:
        'Brukeren er identifisert med en type som ikke gir identitet i KPR (for eksempel H-nummer, passnummer eller «annet»). Bare fødselsnummer, D-nummer og DUF-nummer gir det. Brukeren tas med, men kan ikke kobles til andre data.',
      fix: 'Har brukeren fått fødselsnummer eller D-nummer, registrer det i EPJ og ta et nytt uttrekk. Har brukeren ikke det, trenger du ikke gjøre noe.',
    },
    en: {
      title: 'Identity that gives no KPR identity',
      meaning:
        'The client is identified by a type that gives no identity in KPR (for example an H number, a passport number or "other"). Only the national identity number, the D number and the DUF number do. The client is accepted but cannot be linked to other data.',
      fix: 'If the client has been given a national identity number or a D number, register it in the EPJ and extract again. If not, nothing needs to be done.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const type = element.attribute('typeID');
        const entry = type === undefined ? undefined : codeEntry('9032', type);
        if (type !== undefined && entry !== undefined && entry.kprIdentity !== true) {
          report({ attribute: 'typeID', value: type, params: { text: entry.text } });
        }
      },
    },
  ],
};

export const I03: Rule = {
  id: 'I03',
  element: 'Bruker',
  attributes: ['fid', 'typeID'],
  scope: 'client',
  basis: 'assumption',
  source:
    "Skatteetaten's public description of fødselsnummer and D-nummer (11 digits, date, mod-11 check digits); which number fid holds is given by typeID (code list 9032), whose place on Bruker is the project's assumption",
  origin: 'local',
  message: {
    nb: 'fid er ikke et gyldig {kind}: kontrollsifrene stemmer ikke.',
    en: 'fid is not a valid {kind}: the check digits do not match.',
  },
  variants: {
    'not-11-digits': {
      nb: 'fid er ikke et gyldig {kind}: det har ikke 11 sifre.',
      en: 'fid is not a valid {kind}: it does not have 11 digits.',
    },
    'not-a-date': {
      nb: 'fid er ikke et gyldig {kind}: de seks første sifrene er ikke en fødselsdato.',
      en: 'fid is not a valid {kind}: the first six digits are not a date of birth.',
    },
  },
  catalogue: {
    nb: {
      title: 'Ugyldig fødselsnummer eller D-nummer',
      meaning:
        'Brukerens identitet (fid) er oppgitt som fødselsnummer eller D-nummer (typeID 1 eller 2), men er ikke et gyldig nummer: det har ikke 11 sifre, de seks første er ikke en dato, eller kontrollsifrene stemmer ikke. Et slikt nummer kan ikke kobles til Folkeregisteret.',
      fix: 'Sjekk nummeret i brukerens personopplysninger i EPJ mot Folkeregisteret, rett det (ofte er to sifre byttet om), og ta et nytt uttrekk. Er det et annet slags nummer, rett identitetstypen.',
    },
    en: {
      title: 'Invalid national identity number or D number',
      meaning:
        "The client's identity (fid) is given as a national identity number or D number (typeID 1 or 2) but is not a valid one: it does not have 11 digits, the first six are not a date, or the check digits do not match. Such a number cannot be linked to the National Population Register.",
      fix: "Check the number in the client's personal details in the EPJ against the National Population Register, correct it (often two digits are swapped), and extract again. If it is another kind of number, correct the identity type.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const kind = IDENTITY_KINDS[element.attribute('typeID')?.trim() ?? ''];
        const fid = element.attribute('fid')?.trim();
        if (kind === undefined || fid === undefined || fid === '') return;
        const problem = identityNumberProblem(fid, kind);
        if (problem === undefined) return;
        // The number itself is personal data: the finding names the problem, not the digits.
        report({
          attribute: 'fid',
          value: '',
          ...(problem === 'check-digits' ? {} : { variant: problem }),
          params: { kind: kind === 'fodselsnummer' ? 'fødselsnummer' : 'D-nummer' },
        });
      },
    },
  ],
};

export const I04: Rule = {
  id: 'I04',
  element: 'Bruker',
  attributes: ['fid'],
  scope: 'client',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd (fid required) and XPR(ipl)_Annotations.xsd (at most 20 characters)',
  origin: 'local',
  message: {
    nb: 'Brukeren mangler identitet (fid).',
    en: 'The client has no identity (fid).',
  },
  variants: {
    tooLong: {
      nb: 'Identiteten (fid) har {length} tegn; høyst {limit} er tillatt.',
      en: 'The identity (fid) has {length} characters; at most {limit} are allowed.',
    },
  },
  catalogue: {
    nb: {
      title: 'Identitet mangler eller er for lang',
      meaning:
        'Brukeren har ikke identitet (fid, som regel fødselsnummeret), eller den er lengre enn 20 tegn. Uten identitet kan brukeren ikke kobles i KPR.',
      fix: 'Registrer brukerens fødselsnummer, D-nummer eller annen identitet i EPJ, og ta et nytt uttrekk. Står den riktig i EPJ, meld feilen til leverandøren av EPJ.',
    },
    en: {
      title: 'Identity missing or too long',
      meaning:
        'The client has no identity (fid, usually the national identity number), or it is longer than 20 characters. Without an identity the client cannot be linked in KPR.',
      fix: "Register the client's national identity number, D number or other identity in the EPJ, and extract again. If it is right in the EPJ, tell the EPJ vendor.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const fid = element.attribute('fid');
        if (isBlank(fid)) report({ attribute: 'fid', variable: 'fid', value: '' });
        else if (fid.trim().length > MAX_IDENTITY) {
          report({
            attribute: 'fid',
            value: '',
            variant: 'tooLong',
            params: { length: fid.trim().length, limit: MAX_IDENTITY },
          });
        }
      },
    },
  ],
};

export const I05: Rule = {
  id: 'I05',
  element: 'Bruker',
  attributes: ['kjonn'],
  scope: 'client',
  basis: 'spec',
  source: 'A: XPR(ipl)_CodingSchemes.xsd, code list 3101 (Kjønn: 0, 1, 2, 9) on class "Bruker/pasient"',
  origin: 'local',
  message: {
    nb: 'kjonn «{value}» er ikke en kode i Volven 3101 (0, 1, 2 eller 9).',
    en: 'kjonn "{value}" is not a code in Volven 3101 (0, 1, 2 or 9).',
  },
  catalogue: {
    nb: {
      title: 'Ugyldig kjønn',
      meaning:
        'Brukerens kjønn (kjonn) mangler eller er ikke en kode i Volven 3101: 0 ikke kjent, 1 mann, 2 kvinne, 9 ikke spesifisert. Verdi-kolonnen viser det som ble sendt.',
      fix: 'Sjekk brukerens personopplysninger i EPJ. Står kjønn riktig der, men feil i uttrekket, meld det til leverandøren av EPJ. Ta et nytt uttrekk.',
    },
    en: {
      title: 'Invalid sex',
      meaning:
        "The client's sex (kjonn) is missing or not a code in Volven 3101: 0 not known, 1 male, 2 female, 9 not specified. The value column shows what was sent.",
      fix: "Check the client's personal details in the EPJ. If the sex is right there but wrong in the extract, tell the EPJ vendor. Extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Bruker',
      test({ element, report }) {
        const sex = element.attribute('kjonn');
        if (sex === undefined || codeEntry('3101', sex) === undefined) report({ attribute: 'kjonn', value: sex ?? '' });
      },
    },
  ],
};
