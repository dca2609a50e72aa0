export { checkExtract, type ExtractCheckOptions, type ExtractCheckResult, type ExtractProblem, type ExtractProblemCode } from './extractCheck';
