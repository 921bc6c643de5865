// Dates she types, read by the core's one parser (the command line uses it too): 2026-02-30
// comes back as a sentence naming the field, never as a blank date.
import { call as coreCall, CommandError, makeCall } from './ipc';

type Call = ReturnType<typeof makeCall>;

/** Dates read through `call` (the core's, or a fake in tests). */
export function makeDates(call: Call) {
  /** The date typed into `field`: YYYY-MM-DD, or null when blank. */
  async function optionalDate(text: string, field: string): Promise<string | null> {
    return call('read_date', { field, text });
  }
  /** The date typed into `field`; `missing` is the sentence when it is blank. */
  async function requiredDate(text: string, field: string, missing: string): Promise<string> {
    const date = await optionalDate(text, field);
    if (date === null) throw new CommandError({ code: 'invalid', message: missing, field });
    return date;
  }
  return { optionalDate, requiredDate };
}

export const { optionalDate, requiredDate } = makeDates(coreCall);
