/**
 * Findings only SSB can make (no local predicate): the archive could not be opened on their
 * side, or the client is checked against registers the municipality cannot see. The
 * metadata is here so that an SSB finding explains itself like a local one; the sandbox
 * plants them in its feedback.
 */
import type { Rule } from '../ruleTypes';

export const Z01: Rule = {
  id: 'Z01',
  element: '',
  scope: 'file',
  basis: 'assumption',
  source:
    "The project's assumption about SSB's feedback (test/fixtures/extractRules.ts): the submitted archive could not be decrypted or unpacked",
  rejects: 'A submission SSB cannot open contains nothing it can register.',
  origin: 'ssb',
  gate: true,
  message: {
    nb: 'Innsendt fil kunne ikke dekrypteres eller pakkes ut: {value}',
    en: 'The submitted file could not be decrypted or unpacked: {value}',
  },
  catalogue: {
    nb: {
      title: 'Innsendt fil kunne ikke åpnes',
      meaning:
        'SSB kunne ikke dekryptere eller pakke ut den innsendte filen. Som regel er den kryptert med feil nøkkel, eller en del mangler eller er skadet. Hele innsendingen er avvist.',
      fix: 'Sjekk at krypteringsnøkkelen som er lagret i utvidelsen er kommunens gjeldende nøkkel for IPLOS (bytt den med «IPLOS: Lagre hemmelighet …» om den er endret). Krypter og send hele uttrekket på nytt; er filen delt, må alle delene sendes.',
    },
    en: {
      title: 'The submitted file could not be opened',
      meaning:
        'SSB could not decrypt or unpack the submitted file. Usually it was encrypted with the wrong key, or a part is missing or damaged. The whole submission is rejected.',
      fix: 'Check that the encryption key stored in the extension is the municipality\'s current IPLOS key (replace it with "IPLOS: Set secret…" if it has changed). Encrypt and send the whole extract again; if it was split, all parts must be sent.',
    },
  },
  checks: [],
};

export const R01: Rule = {
  id: 'R01',
  element: 'Bruker',
  attributes: ['fid'],
  scope: 'client',
  basis: 'spec',
  source:
    'A: XPR(ipl).docx — the identity is linked to the National Population Register (Folkeregisteret) downstream; only SSB can look it up',
  origin: 'ssb',
  message: {
    nb: 'Brukerens identitet finnes ikke i Folkeregisteret.',
    en: "The client's identity is not found in the National Population Register.",
  },
  catalogue: {
    nb: {
      title: 'Identiteten finnes ikke i Folkeregisteret',
      meaning:
        'Brukerens fødselsnummer eller D-nummer (fid) er gyldig bygd opp, men finnes ikke i Folkeregisteret. Brukeren kan da ikke kobles til andre data i KPR. Bare SSB kan finne denne feilen.',
      fix: 'Sjekk nummeret i brukerens personopplysninger i EPJ mot Folkeregisteret (ofte er to sifre byttet om, eller personen har fått nytt nummer). Rett det og ta et nytt uttrekk.',
    },
    en: {
      title: 'Identity not found in the population register',
      meaning:
        "The client's national identity number or D number (fid) is well formed but not in the National Population Register, so the client cannot be linked to other data in KPR. Only SSB can find this error.",
      fix: "Check the number in the client's personal details in the EPJ against the National Population Register (often two digits are swapped, or the person has a new number). Correct it and extract again.",
    },
  },
  checks: [],
};

export const R02: Rule = {
  id: 'R02',
  element: 'Bruker',
  scope: 'client',
  basis: 'assumption',
  source:
    "The project's assumption about SSB's feedback: SSB compares all municipalities' extracts, a municipality cannot",
  origin: 'ssb',
  message: {
    nb: 'Brukeren er også rapportert av en annen kommune.',
    en: 'The client is also reported by another municipality.',
  },
  catalogue: {
    nb: {
      title: 'Bruker også rapportert av en annen kommune',
      meaning:
        'Den samme personen er rapportert av mer enn én kommune for året. Det kan være riktig (flytting i løpet av året, tjenester fra to kommuner), men er ofte en avsluttet tjeneste som ikke er avsluttet i EPJ. Bare SSB kan finne dette.',
      fix: 'Sjekk om brukeren har flyttet, og at tjenester som er avsluttet har til-dato i EPJ. Er alt riktig, trenger du ikke gjøre noe.',
    },
    en: {
      title: 'Client also reported by another municipality',
      meaning:
        'The same person is reported by more than one municipality for the year. That can be right (a move during the year, services from two municipalities), but is often a service that ended without an end date in the EPJ. Only SSB can find this.',
      fix: 'Check whether the client moved, and that services that ended have an end date in the EPJ. If everything is right, nothing needs to be done.',
    },
  },
  checks: [],
};
