export {
  checkExtract,
  type ExtractCheckOptions,
  type ExtractCheckResult,
  type ExtractProblem,
  type ExtractProblemCode,
} from './extractCheck';
export {
  ExtractIndexCache,
  ExtractLocations,
  indexExtract,
  type ClientLocation,
  type ExtractIndex,
  type ExtractIndexOptions,
} from './extractIndex';
export { ExtractFileError, type ExtractFileErrorCode } from './extractFileError';
