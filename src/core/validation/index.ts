/**
 * The local control of an IPLOS extract ("validate before you send"): the engine, the rules
 * as data, their catalogue, the severity profiles and the code lists. See docs/architecture.md
 * ("Validation") for where a new rule goes.
 */
export { validateExtract } from './validateExtract';
export type { Finding, FindingOrigin, RuleSeverity, RuleTally, ValidateOptions, ValidationReport } from './finding';
export { describeRule, findRule, ruleIds, ruleMessage, ruleMetadata, type RuleDescription } from './ruleCatalogue';
export {
  severityName,
  severityProfile,
  severityProfiles,
  ruleSeverity,
  SEVERITIES,
  type SeverityProfile,
} from './severity';
export {
  codeEntry,
  codeList,
  codeLists,
  codeStatus,
  type CodeList,
  type CodeListEntry,
  type CodeListId,
  type CodeStatus,
} from './codeLists/codeLists';
export { identityNumberProblem, type IdentityKind, type IdentityProblem } from './identityNumber';
export { FUNCTION_VARIABLES, MAX_HOURS_PER_WEEK, RULES } from './rules';
export type { CatalogueText, RuleBasis, RuleLanguage, RuleMetadata, RuleScope } from './ruleTypes';
