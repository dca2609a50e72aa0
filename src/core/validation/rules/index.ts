/**
 * Every rule, in report order: the fatal gates, the message, the client, the assessment, the
 * services, then SSB's own. A new rule goes into the file for its element group and into
 * this list; its severity goes into every profile of severityProfiles.json (a test checks).
 */
import type { Rule } from '../ruleTypes';
import { F01, F02 } from './assessmentRules';
import { B01, B02, B03, B04 } from './clientRules';
import { C01, C02, C03 } from './contactRules';
import { D01, D02, D03, T02 } from './dateRules';
import { K01, K04, X01, X02, X03 } from './fileRules';
import { I01, I02, I03, I04, I05 } from './identityRules';
import { K03, K05 } from './municipalityRules';
import { M01, P01, P02, P03 } from './periodRules';
import { O01, T01, T03, T04, T05 } from './serviceRules';
import { R01, R02, Z01 } from './ssbRules';

export const RULES: readonly Rule[] = [
  X01,
  X02,
  X03,
  K04,
  K01,
  K03,
  K05,
  P01,
  P02,
  P03,
  M01,
  C03,
  C01,
  C02,
  B04,
  B01,
  B02,
  B03,
  I01,
  I02,
  I03,
  I04,
  I05,
  F01,
  F02,
  D02,
  T01,
  T04,
  T02,
  T03,
  T05,
  O01,
  D01,
  D03,
  R01,
  R02,
  Z01,
];

export { FUNCTION_VARIABLES } from './assessmentRules';
export { MAX_HOURS_PER_WEEK } from './serviceRules';
