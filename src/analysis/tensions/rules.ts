// Every kind of tension, in the order findTensions lists them. A new kind is a module beside these
// (a TensionRule) and its entry here; the options schema takes its kinds from this list.
import { conditionRefused } from './condition-refused.ts';
import { consentOpposed } from './consent-opposed.ts';
import { hedgedVsFirm } from './hedged-vs-firm.ts';
import { memberRefuses } from './member-refuses.ts';
import { mutualWarning } from './mutual-warning.ts';
import { pledgedAndRefused } from './pledged-and-refused.ts';

export const TENSION_RULES = [consentOpposed, conditionRefused, pledgedAndRefused, memberRefuses, hedgedVsFirm, mutualWarning] as const;

export type TensionKind = (typeof TENSION_RULES)[number]['kind'];

export const TENSION_KINDS = TENSION_RULES.map((rule) => rule.kind) as unknown as readonly [TensionKind, ...TensionKind[]];
