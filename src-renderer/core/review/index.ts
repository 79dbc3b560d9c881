export { REVIEW_SCHEMA_ID, reviewSchema } from './schema';
export { migrateReview, type Migration } from './migrate';
export { parseReviewJson, parseReviewText, serializeReview, newReview, type ReviewRead } from './read-write';
export { acceptProposal, rejectProposal, reopenProposal, proposalEdit, type ProposalStatus } from './proposal-decisions';
