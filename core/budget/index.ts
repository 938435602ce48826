export { PeriodError, isTimeZone } from './zone';
export { periodContaining, previousPeriod, nextPeriod, daysIn, parseRange } from './period';
export type { PeriodKind, PeriodOptions, Period, TimeRange, SpendRange, RangeContext } from './period';
