export { classifyTask, type CallSiteFacts, type TaskClassification } from './classify';
export {
  recommendModel,
  requiredTaskClasses,
  type Recommendation,
  type RecommendInput,
  type TierAdvice,
} from './recommend';
export { taskClasses, taskClassNames, tierFit, tierServes, type TaskClass } from './tiers';
