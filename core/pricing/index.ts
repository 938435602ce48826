export { addExact, AmountOverflowError, exactAmount, formatUsd, NANOS_PER_USD, tokenCost, type Nanos } from './money';
export type { CustomModelPrice, CustomModelPrices } from './custom';
export {
  BUNDLED_PRICES_AS_OF,
  parsePriceData,
  priceData,
  priceDataSchema,
  PriceDataError,
  pricesAsOf,
  resetPriceData,
  setPriceData,
  type PriceData,
} from './data';
export {
  DAYS_PER_MONTH,
  estimatePromptCost,
  priceUsage,
  PricingError,
  UnpricedModelError,
  type CostBreakdown,
  type PriceOptions,
  type PricingMode,
  type PromptCostEstimate,
  type PromptCostInput,
  type Usage,
} from './cost';
