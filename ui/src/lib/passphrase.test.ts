import { describe, expect, it } from 'vitest';
import { judgeNewPassphrase } from './passphrase';
import type { PassphraseAssessment } from './bindings';

const ok: PassphraseAssessment = { strength: 'strong', acceptable: true, hint: '' };
const short: PassphraseAssessment = { strength: 'too_short', acceptable: false, hint: 'Use at least 12 characters.' };
const P = 'maple river lantern 42';

describe('judgeNewPassphrase', () => {
  it.each([
    ['nothing typed', '', '', null, false, ''],
    ['not acceptable', 'short', 'short', short, false, ''],
    ['not yet assessed', P, P, null, false, ''],
    ['confirmation empty', P, '', ok, false, ''],
    ['confirmation still being typed', P, 'maple riv', ok, false, ''],
    ['confirmation differs', P, 'maple rover', ok, false, 'The two passphrases are not the same.'],
    ['confirmation longer', P, P + 'x', ok, false, 'The two passphrases are not the same.'],
    ['all good', P, P, ok, true, ''],
  ] as const)('%s', (_name, pass, confirm, assessment, canSubmit, message) => {
    expect(judgeNewPassphrase(pass, confirm, assessment)).toEqual({ canSubmit, message });
  });
});
