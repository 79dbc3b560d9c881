export { profileSchema, type Profile, type ProfileCategory, type ProfileScoring, type ScoreBand, type RubricCriterion, type ProfileSubsidy, type CategorySubsidy, type EligibilityItem, type MaterialItem, type ExcludedService } from './schema';
export { parseProfile, parseProfileText, describeJsonPath } from './parse-profile';
export { summarizeProfile, type ProfileSummary } from './summary';
export { bundledProfiles, findBundledProfile } from './bundled';
