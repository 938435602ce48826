export { classifyTask, type CallSiteFacts, type TaskClassification } from './classify';
export { taskClasses, taskClassNames, tierFit, tierServes, type TaskClass } from './tiers';
