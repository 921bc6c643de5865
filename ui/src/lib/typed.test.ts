import { describe, expect, it, vi } from 'vitest';
import { CommandError, makeCall } from './ipc';
import { makeDates } from './typed';

const refusal = {
  code: 'invalid',
  message: 'The date of birth 2026-02-30 is not a day on the calendar: February 2026 has 28 days.',
  field: 'date_of_birth',
};

describe('dates she types', () => {
  it('are read by the core, and blank is none', async () => {
    const inv = vi.fn(async (_cmd: string, args?: unknown) => {
      const { text } = args as { text: string };
      return text.trim() === '' ? null : '2026-11-25';
    });
    const { optionalDate, requiredDate } = makeDates(makeCall(inv));
    expect(await optionalDate('11/25/2026', 'valid_until'), 'the core reads it').toBe('2026-11-25');
    expect(inv, 'the text goes to the core as typed').toHaveBeenCalledWith('read_date', { field: 'valid_until', text: '11/25/2026' });
    expect(await optionalDate('', 'valid_until'), 'an optional blank date is none').toBeNull();
    const missing = await requiredDate(' ', 'valid_until', 'Give the last day the clearance is valid.').catch((e: unknown) => e);
    expect(missing, 'a required blank date is refused').toBeInstanceOf(CommandError);
    expect((missing as CommandError).report).toEqual({ code: 'invalid', message: 'Give the last day the clearance is valid.', field: 'valid_until' });
  });

  it("keep the core's sentence for an impossible date", async () => {
    const { requiredDate } = makeDates(makeCall(vi.fn().mockRejectedValue(refusal)));
    const err = await requiredDate('2026-02-30', 'date_of_birth', 'Give it.').catch((e: unknown) => e);
    expect((err as CommandError).report, 'the form shows the sentence beside the field').toEqual(refusal);
  });
});
