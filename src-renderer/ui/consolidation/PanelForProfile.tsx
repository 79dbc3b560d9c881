// The panel screen wired to the engine for one program profile and applicant category: review files
// are read with the engine's review reader (migration, validation with field paths) and aggregated
// with its mergeReviews. This is what the workspace mounts.
import { useCallback, useMemo } from 'react';
import type { Profile } from '../../core/profiles/schema';
import { parseReviewText } from '../../core/review/read-write';
import { rubricWeightsOf } from '../../core/engine/scoring';
import { resolveRubric, scoreReview } from '../../core/engine/scoring';
import { InvalidInputError } from '../../core/result';
import type { ReviewFile } from '../../core/types';
import { panelCriteria, panelEngineFor } from './engine-adapter';
import type { PanelLanguage } from './messages';
import { PanelConsolidation } from './PanelConsolidation';
import type { ChairResult } from '../../core/panel/chair-decision';

export interface PanelForProfileProps {
  profile: Profile;
  /** The applicant's category (award caps depend on it). */
  category: string;
  chair: string;
  onResult: (result: ChairResult) => void;
  initialReviews?: ReviewFile[];
  language?: PanelLanguage;
}

/** Reads a review file and checks it against the profile: same program, every score within its maximum. */
export function readReviewFile(profile: Profile, category: string, text: string, fileName: string): ReviewFile {
  const review = parseReviewText(text.replace(/^\uFEFF/, ''), fileName).review;
  if (review.program !== profile.id) throw new InvalidInputError(`program "${review.program}" is not this dossier's program "${profile.id}"`, fileName);
  if (profile.scoring && Object.keys(review.scores).length > 0) {
    scoreReview(profile.scoring, resolveRubric(profile.scoring, rubricWeightsOf(review), fileName), category, review.scores, fileName);
  }
  return review;
}

export function PanelForProfile({ profile, category, chair, onResult, initialReviews, language }: PanelForProfileProps) {
  const criteria = useMemo(() => panelCriteria(profile, language), [profile, language]);
  const engine = useMemo(() => panelEngineFor(profile, category), [profile, category]);
  const readReview = useCallback((text: string, fileName: string) => readReviewFile(profile, category, text, fileName), [profile, category]);
  return (
    <PanelConsolidation
      criteria={criteria}
      chair={chair}
      readReview={readReview}
      engine={engine}
      onResult={onResult}
      {...(initialReviews ? { initialReviews } : {})}
      {...(language ? { language } : {})}
    />
  );
}
