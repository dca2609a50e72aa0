export {
  ExtractIndexCache,
  ExtractLocations,
  indexExtract,
  type ClientLocation,
  type ExtractIndex,
  type ExtractIndexOptions,
} from './extractIndex';
export { ExtractFileError, type ExtractFileErrorCode } from './extractFileError';
