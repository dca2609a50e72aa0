export {
  ExtractIndexCache,
  ExtractLocations,
  indexExtract,
  type ClientLocation,
  type ExtractIndex,
  type ExtractIndexOptions,
} from './extractIndex';
export { ExtractFileError, type ExtractFileErrorCode } from './extractFileError';
export { recordTarget, type RecordTarget } from './recordTarget';
export { findAttribute } from './findAttribute';
export { locateAttributes, type AttributeRequest } from './locateAttributes';
