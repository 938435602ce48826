export { auditExtracted, auditText, type AuditOptions } from './audit';
export { rules as auditRules } from './rules';
export { severityPenalty, wastePenalty } from './score';
export { AuditTotals, findingsAtOrAbove, summarize, type AuditSummary } from './summary';
export type { FileAudit, Finding, Fix, PromptReport, Rule as AuditRule, Severity, TextEdit } from './types';
export { sarifFingerprintKey, sarifLog, sarifResults, sarifSchemaUri, type SarifResult } from './sarif';
export { knownVolumeOf, parseVolumeAnnotations, type VolumeAnnotations, type VolumeLookup } from './volume';
