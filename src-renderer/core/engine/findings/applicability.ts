// Which eligibility items and materials apply to this applicant: by category, and for materials
// by where the applicant is registered (Shenzhen (二)1 when registered there, (二)2 when not).

import type { Applicant } from '../../types';

interface Conditional {
  categories: string[] | null;
  whenRegisteredIn?: string[] | null;
  whenNotRegisteredIn?: string[] | null;
}

export function appliesTo(item: Conditional, applicant: Applicant): boolean {
  if (item.categories && !item.categories.includes(applicant.category)) return false;
  const registeredIn = typeof applicant.registeredIn === 'string' ? applicant.registeredIn : null;
  if (item.whenRegisteredIn) {
    if (registeredIn === null) return true;
    if (!item.whenRegisteredIn.includes(registeredIn)) return false;
  }
  if (item.whenNotRegisteredIn) {
    if (registeredIn === null) return true;
    if (item.whenNotRegisteredIn.includes(registeredIn)) return false;
  }
  return true;
}
