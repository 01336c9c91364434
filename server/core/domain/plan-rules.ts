// Rules on quota plans that a JSON schema cannot express. Pure; throws InvalidInputError naming the field.
import { InvalidInputError } from './errors.ts';

export const DEFAULT_THRESHOLDS = [80, 90, 95];

export function checkThresholds(thresholds: number[] | undefined): number[] | undefined {
  if (thresholds === undefined) return undefined;
  for (let i = 1; i < thresholds.length; i++) {
    if (thresholds[i] <= thresholds[i - 1]) throw new InvalidInputError('body.warnThresholds', 'must be strictly ascending');
  }
  return thresholds;
}
