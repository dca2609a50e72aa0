export { ArchiveError, isArchiveError, type ArchiveErrorCode } from './archiveError';
export { encryptArchive, DEFAULT_LEVEL, type EncryptManifest, type EncryptOptions } from './encryptArchive';
export { decryptArchive, type DecryptOptions, type DecryptResult, type ExtractedFile } from './decryptArchive';
export { DEFAULT_LIMITS, type ExtractionLimits } from './limits';
export { isAsciiKey, nonAsciiKeyWarning, type ArchiveKeyUse } from './keyCharacters';
