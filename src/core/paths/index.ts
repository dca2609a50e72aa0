/** Paths with Windows semantics testable on Linux: comparisons and guards, and the names Windows refuses. */
export {
  foldersBetween,
  isInsideFolder,
  pathKey,
  samePath,
  withoutLongPathPrefix,
  type PathApi,
} from './pathComparison';
export { windowsNameProblem } from './windowsNames';
