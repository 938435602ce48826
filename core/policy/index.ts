export { defaultPolicy, parsePolicy, PolicyError, type PolicyIssue } from './parse';
export { policySchema, ruleLevels, type Policy, type PolicyBudget, type PolicyTeam, type RuleLevel } from './schema';
export { approvedModelsFor, callsPerDayFor, volumeEntryFor, isModelApproved, outputTokensFor, ruleSeverity } from './lookup';
export { matchesModelGlob, matchesPathGlob } from './glob';
