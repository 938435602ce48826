export {
  findModel,
  ladder,
  ladderProviders,
  listModels,
  modelFacts,
  suggestModels,
  tierRank,
  tiers,
  type Modality,
  type ModelFacts,
  type ModelInfo,
  type Tier,
} from './catalog';
