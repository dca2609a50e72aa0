/**
 * The fatal gates (Kritisk feil in every profile): when one fires anywhere, only its finding
 * is reported and the rest of the file is not read, as in the pre-validation of SSB's KOSTRA
 * control program. X01 is raised by the engine itself (the parser, the decoder and the
 * safety limits); the others are predicates on the root and on `Kommune`.
 */
import type { Rule } from '../ruleTypes';
import { isBlank, trimmed } from './attributeValue';

export const X01: Rule = {
  id: 'X01',
  element: '',
  scope: 'file',
  basis: 'spec',
  source:
    'W3C XML 1.0 (well-formedness); A: the XSD files are XML. Entity declarations refused by this project (safety)',
  origin: 'local',
  gate: true,
  message: {
    nb: 'Filen er ikke velformet XML på {line}:{column} (linje {line}, kolonne {column}): {reason}. Filen er skadet eller ufullstendig: ta et nytt uttrekk fra EPJ, og ikke rediger den for hånd.',
    en: 'The extract is not well-formed XML at {line}:{column} (line {line}, column {column}): {reason}. The file is damaged or incomplete: export it again from the EPJ, and do not edit it by hand.',
  },
  variants: {
    empty: {
      nb: 'Uttrekksfilen er tom (0 byte). Ta et nytt uttrekk fra EPJ.',
      en: 'The extract file is empty (0 bytes). Export the extract from the EPJ again.',
    },
    undecodable: {
      nb: 'Filen kan ikke leses som {encoding} ved byte {offset} (linje {line}, kolonne {column}). Sjekk at XML-deklarasjonen oppgir riktig tegnsett (encoding), eller ta et nytt uttrekk fra EPJ.',
      en: 'The file cannot be read as {encoding} at byte {offset} (line {line}, column {column}). Check that the XML declaration names the right character set (encoding), or export the extract from the EPJ again.',
    },
    encoding: {
      nb: 'XML-deklarasjonen oppgir tegnsettet «{encoding}», som kontrollen ikke kan lese. Ta uttrekket på nytt som UTF-8 eller ISO-8859-1.',
      en: 'The XML declaration names the character set "{encoding}", which the check cannot read. Export the extract again as UTF-8 or ISO-8859-1.',
    },
    entities: {
      nb: 'Filen har en DOCTYPE som definerer entiteter (<!ENTITY …>). Et IPLOS-uttrekk har ingen, og kontrollen verken utvider eller henter dem (vern mot «billion laughs» og eksterne entiteter). Ta et nytt uttrekk fra EPJ.',
      en: 'The file has a DOCTYPE that declares entities (<!ENTITY …>). An IPLOS extract has none, and the check neither expands nor fetches them (protection against "billion laughs" and external entities). Export the extract from the EPJ again.',
    },
    tooLong: {
      nb: 'Filen har mer enn {limit} tegn uten en ny start-tagg fra linje {line}, kolonne {column} (en enkelt verdi, kommentar eller DOCTYPE så lang er ikke et IPLOS-uttrekk). Ta et nytt uttrekk fra EPJ.',
      en: 'The file has more than {limit} characters without a new start tag from line {line}, column {column} (a single value, comment or DOCTYPE that long is not an IPLOS extract). Export the extract from the EPJ again.',
    },
    tooDeep: {
      nb: 'Elementene er nestet mer enn {limit} nivåer dypt på linje {line}. Et IPLOS-uttrekk har fem nivåer. Ta et nytt uttrekk fra EPJ.',
      en: 'The elements are nested more than {limit} levels deep at line {line}. An IPLOS extract has five levels. Export the extract from the EPJ again.',
    },
  },
  catalogue: {
    nb: {
      title: 'Filen er ikke gyldig XML',
      meaning:
        'Uttrekksfilen er ikke velformet XML, så SSB kunne ikke lese den. Meldingen sier hvor i filen feilen er. Hele filen er avvist.',
      fix: 'Ta et nytt uttrekk fra EPJ og send det uten å åpne eller endre filen (ikke lagre den fra Notisblokk eller Excel). Utvidelsen sjekker filen før sending. Kommer feilen igjen, send feilmeldingen med plasseringen til leverandøren av EPJ.',
    },
    en: {
      title: 'The file is not valid XML',
      meaning:
        'The extract is not well-formed XML, so SSB could not read it. The message says where in the file the error is. The whole file is rejected.',
      fix: 'Extract again from the EPJ and send it without opening or changing the file (do not save it from Notepad or Excel). The extension checks the file before sending. If the error comes back, send the message with its position to the EPJ vendor.',
    },
  },
  checks: [],
};

export const X02: Rule = {
  id: 'X02',
  element: 'Melding',
  scope: 'file',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd, the root element Melding',
  origin: 'local',
  gate: true,
  message: {
    nb: 'Rotelementet er <{value}>, men et IPLOS-uttrekk starter med <Melding>. Dette er ikke et IPLOS-uttrekk: velg filen EPJ eksporterte for IPLOS.',
    en: 'The root element is <{value}>, but an IPLOS extract starts with <Melding>. This is not an IPLOS batch extract: choose the file the EPJ exported for IPLOS.',
  },
  catalogue: {
    nb: {
      title: 'Feil rotelement',
      meaning:
        'Filen starter ikke med elementet <Melding>, som et IPLOS-uttrekk gjør. Som regel er det valgt feil fil (et annet uttrekk eller en annen rapport). Hele filen er avvist.',
      fix: 'Velg filen EPJ eksporterte for IPLOS (årsuttrekket). Finner du den ikke, ta et nytt IPLOS-uttrekk fra EPJ.',
    },
    en: {
      title: 'Wrong root element',
      meaning:
        'The file does not start with the element <Melding>, as an IPLOS extract does. Usually the wrong file was chosen (another extract or report). The whole file is rejected.',
      fix: 'Choose the file the EPJ exported for IPLOS (the yearly extract). If you cannot find it, export the IPLOS extract from the EPJ again.',
    },
  },
  checks: [
    {
      when: 'open',
      element: '#root',
      test({ element, report }) {
        if (element.name !== 'Melding') report({ value: element.qualifiedName });
      },
    },
  ],
};

export const X03: Rule = {
  id: 'X03',
  element: 'Melding',
  attributes: ['meldingstype'],
  scope: 'file',
  basis: 'assumption',
  source:
    'A: XPR(ipl)_CodingSchemes.xsd, code list 7371 (B satsvis, K kontinuerlig, E endring). That the yearly extract is a batch ("B") is the project\'s assumption (domain.md: the 56.0.0 schema fixes K)',
  rejects: 'The yearly submission is a batch of the whole year: a continuous or change message cannot replace it.',
  origin: 'local',
  gate: true,
  message: {
    nb: '<Melding> har meldingstype="{value}", men årsuttrekket for IPLOS er en satsvis melding (meldingstype="B"). Ta årsuttrekket (satsvis) fra EPJ.',
    en: '<Melding> has meldingstype="{value}", but the yearly IPLOS extract is a batch message (meldingstype="B"). Export the yearly batch extract from the EPJ.',
  },
  catalogue: {
    nb: {
      title: 'Ikke et satsvis uttrekk',
      meaning:
        'Meldingen er ikke satsvis (meldingstype er ikke «B»). Årsrapporteringen er ett satsvis uttrekk for hele året; en endringsmelding eller kontinuerlig melding erstatter det ikke. Hele filen er avvist.',
      fix: 'Ta årsuttrekket for IPLOS (satsvis, hele året) fra EPJ, ikke en endrings- eller kontinuerlig melding, og send det.',
    },
    en: {
      title: 'Not a batch extract',
      meaning:
        'The message is not a batch (meldingstype is not "B"). The yearly report is one batch extract for the whole year; a change or continuous message does not replace it. The whole file is rejected.',
      fix: 'Export the yearly IPLOS extract (batch, the whole year) from the EPJ, not a change or continuous message, and send it.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Melding',
      test({ element, report }) {
        const type = trimmed(element, 'meldingstype');
        if (type !== undefined && type !== 'B') report({ attribute: 'meldingstype', value: type });
      },
    },
  ],
};

export const K01: Rule = {
  id: 'K01',
  element: 'Kommune',
  attributes: ['kommuneNr'],
  scope: 'file',
  basis: 'guidance',
  source: 'B: "Rapportere data til KPR" — reported under the municipality number valid that year, by that municipality',
  origin: 'local',
  gate: true,
  message: {
    nb: 'Kommunenummeret {value} i filen stemmer ikke med avsenderkommunen {municipality}. Velg uttrekket for {municipality}, eller bytt til profilen for {value}.',
    en: 'The extract is for municipality {value} (kommuneNr), but the sender is municipality {municipality}. Choose the extract for {municipality}, or switch to the profile for {value}.',
  },
  catalogue: {
    nb: {
      title: 'Feil kommunenummer',
      meaning:
        'Kommunenummeret i filen (kommuneNr) er ikke nummeret til kommunen som sendte den. Verdi-kolonnen viser nummeret i filen. Hele filen er avvist.',
      fix: 'Sjekk kommunenummeret i IPLOS-oppsettet i EPJ; etter en kommune- eller fylkesreform får kommunen nytt nummer. Sender dere for flere kommuner, sjekk at du valgte riktig kommune i utvidelsen og riktig uttrekk. Ta nytt uttrekk og send på nytt.',
    },
    en: {
      title: 'Wrong municipality number',
      meaning:
        'The municipality number in the file (kommuneNr) is not the number of the municipality that sent it. The value column shows the number in the file. The whole file is rejected.',
      fix: 'Check the municipality number in the IPLOS setup of the EPJ; a municipal or county reform gives the municipality a new number. If you submit for several municipalities, check that you chose the right municipality in the extension and the right extract. Extract again and resubmit.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kommune',
      test({ element, state, report }) {
        const number = trimmed(element, 'kommuneNr');
        // Missing is K04. The sender's number without its leading zero ("403") is the same
        // municipality in the wrong format: K03, not a mismatch.
        if (number === undefined || number === '' || sameNumber(number, state.municipality)) return;
        if (number !== state.municipality) {
          report({ attribute: 'kommuneNr', value: number, params: { municipality: state.municipality } });
        }
      },
    },
  ],
};

function sameNumber(written: string, municipality: string): boolean {
  return written !== municipality && /^\d+$/.test(written) && Number(written) === Number(municipality);
}

export const K04: Rule = {
  id: 'K04',
  element: 'Kommune',
  attributes: ['kommuneNr'],
  scope: 'file',
  basis: 'spec',
  source: 'A: XPR(ipl).xsd — at least one Kommune under Melding, kommuneNr required',
  origin: 'local',
  gate: true,
  message: {
    nb: '<Kommune> har ikke kommunenummer (kommuneNr), så uttrekket kan ikke knyttes til kommune {municipality}. Ta et nytt uttrekk fra EPJ.',
    en: '<Kommune> has no municipality number (kommuneNr), so the extract cannot be matched to municipality {municipality}. Export the extract from the EPJ again.',
  },
  variants: {
    noElement: {
      nb: 'Uttrekket har ikke noe <Kommune>-element med kommunenummer (kommuneNr) under <Melding>, så det kan ikke knyttes til kommune {municipality}. Ta et nytt uttrekk fra EPJ.',
      en: 'The extract has no <Kommune> element with a municipality number (kommuneNr) under <Melding>, so it cannot be matched to municipality {municipality}. Export the extract from the EPJ again.',
    },
  },
  catalogue: {
    nb: {
      title: 'Kommune mangler',
      meaning:
        'Uttrekket har ikke noe <Kommune>-element, eller kommunen mangler kommunenummer (kommuneNr), så SSB vet ikke hvilken kommune dataene gjelder. Hele filen er avvist.',
      fix: 'Sjekk IPLOS-oppsettet i EPJ (kommunenummer), og ta et nytt uttrekk. Kommer feilen igjen, kontakt leverandøren av EPJ.',
    },
    en: {
      title: 'Municipality missing',
      meaning:
        'The extract has no <Kommune> element, or the municipality has no number (kommuneNr), so SSB does not know which municipality the data is for. The whole file is rejected.',
      fix: 'Check the IPLOS setup in the EPJ (municipality number) and extract again. If the error comes back, contact the EPJ vendor.',
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Kommune',
      test({ element, state, report }) {
        if (isBlank(element.attribute('kommuneNr'))) {
          report({ attribute: 'kommuneNr', value: '', params: { municipality: state.municipality } });
        }
      },
    },
    {
      when: 'end',
      test({ state, report }) {
        if (state.kommuneElements > 0 || state.root === undefined) return;
        report({
          variant: 'noElement',
          variable: 'Kommune',
          params: { municipality: state.municipality },
          at: { element: 'Melding', ...state.root.position },
        });
      },
    },
  ],
};
