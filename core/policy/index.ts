export { defaultPolicy, parsePolicy, PolicyError, type PolicyIssue } from './parse';
export {
  policySchema,
  ruleLevels,
  type Policy,
  type PolicyBudget,
  type PolicyGuardrails,
  type PolicyTeam,
  type RuleLevel,
} from './schema';
export {
  approvedModelsFor,
  callsPerDayEntry,
  callsPerDayFor,
  defaultEnvironment,
  environmentsOf,
  isModelApproved,
  outputTokensEntry,
  outputTokensFor,
  ruleSeverity,
} from './lookup';
export { matchesModelGlob, matchesPathGlob } from './glob';
