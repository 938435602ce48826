export { BudgetError, isTimeZone } from './zone';
export { periodContaining, previousPeriod, nextPeriod, daysIn, parseRange, endOfLocalDay } from './period';
export type { PeriodKind, PeriodOptions, Period, TimeRange, SpendRange, RangeContext } from './period';
export { parseAmount, formatAmount } from './amount';
export type { BudgetUnit, Amount } from './amount';
export { effectiveQuota, quotaStatus, checkQuota, budgetDenial, thresholdCrossings, thresholdKey } from './quota';
export type {
  BudgetScope,
  Budget,
  Grant,
  QuotaContext,
  QuotaInput,
  ThresholdCrossing,
  QuotaStatus,
  QuotaCheck,
  BudgetDecision,
  QuotaDecision,
} from './quota';
export { forecastPeriod } from './forecast';
export type { DailyAmount, ForecastMethod, ForecastInput, Forecast } from './forecast';
export { detectAnomaly, explainDriver, comparableWindows, lastCompleteHour } from './anomaly';
export type { AnomalyInput, AnomalyVerdict, Anomaly, BreakdownRow, Driver, ComparableOptions } from './anomaly';
export { timeZoneSchema, budgetSchema, budgetInputSchema, grantSchema, quotaRequestSchema } from './schema';
export type { QuotaRequestContext, QuotaRequest } from './schema';
export { budgetsFromPolicy } from './policy';
export {
  guardrailRules,
  ruleApplies,
  requestLimitDenials,
  minuteWindow,
  rateSteps,
  rateDenial,
  breakerIdentity,
  breakerWindowStart,
  breakerVerdict,
  coolDownEnd,
  breakerActive,
  breakerDenial,
  guardrailDecision,
} from './guardrails';
export type {
  GuardedRequest,
  DenialKind,
  Denial,
  RequestLimitRule,
  RateLimitRule,
  BreakerRule,
  GuardrailRules,
  RateStep,
  WindowTotals,
  TrippedBreaker,
} from './guardrails';
