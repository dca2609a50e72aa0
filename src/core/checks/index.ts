export { CHECK_TITLES, checkTitle } from './checkTitles';
export {
  CHECK_IDS,
  NETWORK_CHECK_IDS,
  type CheckDataValue,
  type CheckId,
  type CheckResult,
  type CheckStatus,
} from './checkTypes';
export {
  checkConfigFrom,
  DEFAULT_CHECK_TIMEOUT_MS,
  DEFAULT_OVERALL_TIMEOUT_MS,
  runConnectionChecks,
  type CheckConfig,
  type RunChecksOptions,
} from './connectionChecks';
export { firewallOrder, firewallOrderFor, type FirewallOrderContext } from './firewallOrder';
