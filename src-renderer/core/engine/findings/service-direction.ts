// One direction per cycle (Shandong): the claims of one dossier must not span several service
// directions. Only claims that state a serviceType are compared. No invoice is read here, so a ticket
// among the invoices (kind 'ticket', no parties) changes nothing: the ticket finding covers it.

import type { Finding } from '../../types';
import type { RuleContext } from './context';
import { makeFinding } from './make-finding';

export function serviceDirectionFindings(context: RuleContext): Finding[] {
  const rule = context.profile.subsidy?.singleDirectionPerCycle;
  if (!rule) return [];
  const directions = [...new Set(context.manifest.claims.map((claim) => claim.serviceType?.trim()).filter((type): type is string => Boolean(type)))];
  if (directions.length <= 1) return [];
  return [makeFinding({
    rule: 'single-direction', severity: 'error', clause: rule.clause,
    zh: `一个周期内只能申领一个方向的服务券，本申报涉及多个服务方向：${directions.join('、')}`,
    en: `Only one service direction per cycle; the claims span ${directions.join(', ')}`,
  })];
}
