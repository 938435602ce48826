// Comparing the prompts of two states of a repository (tokenwise diff, the editor's "vs base" figure).
export {
  diffAudits,
  newFindingsAtOrAbove,
  promptState,
  textSimilarity,
  type DiffOptions,
  type DiffResult,
  type DiffTotals,
  type PromptChange,
  type PromptDiff,
  type PromptState,
} from './diff';
export { callsPerDayText, describeChange } from './describe';
