// The create-vault and change-passphrase forms: when they may be submitted, and what to say.
import type { PassphraseAssessment } from './bindings';

export interface NewPassphraseVerdict {
  canSubmit: boolean;
  /** Shown under the confirmation field; empty when there is nothing to say. */
  message: string;
}

export function judgeNewPassphrase(
  passphrase: string,
  confirmation: string,
  assessment: PassphraseAssessment | null,
): NewPassphraseVerdict {
  if (passphrase === '') return { canSubmit: false, message: '' };
  if (assessment === null || !assessment.acceptable) return { canSubmit: false, message: '' };
  if (confirmation === '') return { canSubmit: false, message: '' };
  if (confirmation !== passphrase) {
    // Only complain once the confirmation is as long as the passphrase: not while typing it.
    const message =
      confirmation.length >= passphrase.length || !passphrase.startsWith(confirmation)
        ? 'The two passphrases are not the same.'
        : '';
    return { canSubmit: false, message };
  }
  return { canSubmit: true, message: '' };
}

export const STRENGTH_LABEL: Record<PassphraseAssessment['strength'], string> = {
  too_short: 'Too short',
  weak: 'Weak',
  fair: 'Fair',
  strong: 'Strong',
};
