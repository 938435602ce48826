export {
  estimateFile,
  estimatePrompt,
  estimateRequest,
  fallbackModel,
  isAssumedModel,
  modelOf,
  namedModel,
  partViews,
  staticTextOf,
  type CountPart,
  type EstimateOptions,
  type ModelSource,
  type OutputSource,
  type PartView,
  type PromptEstimate,
  type VolumeSource,
} from './estimate';
export { assumedCostMark, assumedModelLabel, modelLabel, modelSourceLabels, outputSourceLabels, volumeLabel } from './labels';
