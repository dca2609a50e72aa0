/**
 * Rules on `Vurdering` (a client's IPLOS function assessment): all 18 function scores, each
 * 1–5 or 9. The attribute names are the project's own (shared/docs/iplos-control-rules.md,
 * Cautions); that every variable is scored, and the scale, are Helsedirektoratet's guide.
 */
import type { Rule } from '../ruleTypes';

/** The 18 function-score attributes every `Vurdering` carries (the project's names, test/fixtures/extractRules.ts). */
export const FUNCTION_VARIABLES = [
  'sosDelt',
  'styreEgetLiv',
  'hukommelse',
  'kommunikasjon',
  'ivaretaHelse',
  'alminneligHusarbeid',
  'skaffeVarer',
  'lageMat',
  'spise',
  'personligHygiene',
  'kleAv',
  'toalett',
  'bevegeInne',
  'bevegeUte',
  'beslutninger',
  'atferd',
  'syn',
  'horsel',
] as const;

/** 1–5 the degree of need for help, 9 "not relevant" (B, the guide to assessing need for assistance). */
const VALID_SCORES: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '9']);

export const F01: Rule = {
  id: 'F01',
  element: 'Vurdering',
  attributes: FUNCTION_VARIABLES,
  scope: 'element',
  basis: 'guidance',
  source:
    'B: "Registrering av IPLOS-data i kommunen" — every function variable is scored in an assessment. The 18 attribute names are the project\'s own',
  origin: 'local',
  message: {
    nb: 'Vurderingen mangler funksjonsvariabelen {variable}.',
    en: 'The assessment lacks the function variable {variable}.',
  },
  catalogue: {
    nb: {
      title: 'Funksjonsvariabel mangler',
      meaning:
        'Brukerens IPLOS-funksjonsvurdering mangler en av de 18 funksjonsvariablene. Variabel-kolonnen viser hvilken.',
      fix: 'Åpne brukerens siste IPLOS-kartlegging i EPJ og registrer en skår for variabelen som mangler, etter veilederen for IPLOS-registrering. Lagre vurderingen og ta et nytt uttrekk.',
    },
    en: {
      title: 'Function score missing',
      meaning:
        "The client's IPLOS function assessment lacks one of the 18 function variables. The variable column shows which.",
      fix: "Open the client's latest IPLOS assessment in the EPJ and register a score for the missing variable, following the IPLOS registration guide. Save the assessment and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Vurdering',
      test({ element, report }) {
        // Today's meaning (the sandbox's): one finding per assessment, naming the first variable missing.
        const missing = FUNCTION_VARIABLES.find((name) => element.attribute(name) === undefined);
        if (missing !== undefined) report({ variable: missing, value: '' });
      },
    },
  ],
};

export const F02: Rule = {
  id: 'F02',
  element: 'Vurdering',
  attributes: FUNCTION_VARIABLES,
  scope: 'element',
  basis: 'guidance',
  source: 'B: the guide to assessing need for assistance (IPLOS) — scores 1–5, or 9 "not relevant"',
  origin: 'local',
  message: {
    nb: 'Funksjonsvariabelen {variable} har skåren «{value}»; gyldige skårer er 1–5 og 9 (ikke relevant).',
    en: 'The function variable {variable} has the score "{value}"; valid scores are 1–5 and 9 (not relevant).',
  },
  catalogue: {
    nb: {
      title: 'Ugyldig funksjonsskår',
      meaning:
        'En funksjonsvariabel i brukerens IPLOS-vurdering har en skår som ikke er 1–5 eller 9 (ikke relevant). Variabel-kolonnen viser hvilken, verdi-kolonnen skåren som ble sendt.',
      fix: 'Åpne brukerens IPLOS-kartlegging i EPJ og registrer skåren for variabelen på nytt etter veilederen (1–5, eller 9 når variabelen ikke er relevant). Lagre og ta et nytt uttrekk.',
    },
    en: {
      title: 'Invalid function score',
      meaning:
        "A function variable in the client's IPLOS assessment has a score that is not 1–5 or 9 (not relevant). The variable column shows which, the value column the score that was sent.",
      fix: "Open the client's IPLOS assessment in the EPJ and register the variable's score again following the guide (1–5, or 9 when the variable is not relevant). Save and extract again.",
    },
  },
  checks: [
    {
      when: 'open',
      element: 'Vurdering',
      test({ element, report }) {
        for (const name of FUNCTION_VARIABLES) {
          const score = element.attribute(name);
          // Trimmed only when the plain value is not a score: this runs 18 times per assessment.
          if (score !== undefined && !VALID_SCORES.has(score) && !VALID_SCORES.has(score.trim())) {
            report({ attribute: name, value: score });
          }
        }
      },
    },
  ],
};
