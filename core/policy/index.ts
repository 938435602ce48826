export { defaultPolicy, parsePolicy, PolicyError, type PolicyIssue } from './parse';
export { policySchema, ruleLevels, type Budget, type CustomModelPrice, type Policy, type RuleLevel, type Team } from './schema';
export { callsPerDayFor, isModelApproved, outputTokensFor, ruleSeverity } from './lookup';
export { matchesModelGlob, matchesPathGlob } from './glob';
