// Her schedule in the window: a couple's dosing is booked, the integration the protocol asks for
// is proposed a day later at the same hour and booked with one click; moving the dosing onto
// that hour (by keyboard, a day later) is warned about before anything is saved; moved a day
// earlier instead, it is saved; the week's calendar, reached by the arrow keys, shows both.
// Then her settings (a late-cancellation fee, a 90-minute integration) reach the arc's next
// step, a late cancellation with its fee, and the calendar saved as an .ics file that an
// independent parser reads, with initials and no full name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerFileDialog, cli, clickWhenEnabled, openUnlocked, recording, screenshot, setDate, shown, suite, textIn, typeInto } from './harness.mjs';

const PASSPHRASE = 'ochre meadow finch 208';
const ctx = suite({ passphrase: PASSPHRASE });

/** A couple, imported by the command line. */
function seedCouple() {
  const doc = JSON.parse(cli(ctx.home.env, ['export'], PASSPHRASE));
  const ids = ['e2e-p-0', 'e2e-p-1'];
  doc.persons = ['Zoë Ñúñez', 'Samuel Okafor'].map((legal_name, i) => ({ id: ids[i], legal_name, state_of_residence: 'AZ' }));
  doc.units = [{
    id: 'e2e-couple', name: 'Ñúñez–Okafor', structure: 'couple', status: 'active', start_date: '2026-09-01',
    goals: 'Repair after the move', partners: ids.map((person_id) => ({ person_id, attachment_notes: '' })),
  }];
  const file = join(ctx.home.home, 'couple.json');
  writeFileSync(file, JSON.stringify(doc));
  cli(ctx.home.env, ['import', file], PASSPHRASE);
}

test('a dosing, its integration proposed and booked, a move warned of, then made by keyboard', () =>
  recording(() => ctx.browser, 'schedule', async () => {
    seedCouple();
    const browser = await openUnlocked(ctx, PASSPHRASE);
    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    await clickWhenEnabled(browser, 'button[data-unit="e2e-couple"]', 'the couple');
    await clickWhenEnabled(browser, '#arc-book', 'Book a session');
    await (await shown(browser, '#book-kind', 'kind')).selectByAttribute('value', 'dosing');
    // Tuesday 12 January 2027, 10:00 in the practice's zone.
    await setDate(browser, '#book-date', '2027-01-12', 'the day');
    await typeInto(browser, '#book-time', '10:00', 'the time');
    await clickWhenEnabled(browser, '#book-save', 'Book');
    await shown(browser, '#session-title', 'the dosing, booked');

    await textIn(browser, '#integration-proposal', '1 day after the dosing', 'the integration proposed a day later');
    await textIn(browser, '#integration-proposal', '10:00', 'at the dosing’s hour');
    await screenshot(browser, '60-integration-proposed');
    await clickWhenEnabled(browser, '#book-integration', 'Book it');
    await textIn(browser, '#integration-booked', 'Integration booked for', 'booked with one click');

    // A day later, by keyboard: onto the integration's hour. Warned before anything is saved.
    await clickWhenEnabled(browser, '#move-session', 'Move or change its length');
    await (await shown(browser, '#move-later', 'A day later')).click();
    await textIn(browser, '#move-later', 'A day later', 'the button is there');
    const date = await browser.$('#move-date');
    if ((await date.getValue()) !== '2027-01-13') throw new Error(`a day later is the 13th, not ${await date.getValue()}`);
    await clickWhenEnabled(browser, '#move-save', 'Move');
    await textIn(browser, '#move-warnings', 'It overlaps', 'the clash, said before saving');
    await screenshot(browser, '61-move-clash');
    await textIn(browser, '#session-when', '12', 'the dosing has not moved yet');

    // Two days earlier instead (Monday the 11th): no clash, saved.
    await (await shown(browser, '#move-earlier', 'A day earlier')).click();
    await (await shown(browser, '#move-earlier', 'A day earlier')).click();
    await clickWhenEnabled(browser, '#move-save', 'Move');
    await textIn(browser, '#session-when', '11', 'the dosing moved to Monday the 11th', 15_000);

    // The week as a calendar, moved through by keyboard (the arrow keys change the week).
    await (await shown(browser, '#nav-sessions', 'the Sessions link')).click();
    const grid = await shown(browser, '#week-grid', 'the week calendar');
    for (let i = 0; i < 12; i++) {
      const text = await grid.getText();
      if (text.includes('Integration') && text.includes('Dosing')) break;
      // Focus without a click, which could land on a session and open it.
      await browser.execute(() => document.getElementById('week-grid')?.focus());
      await browser.keys('ArrowRight');
      await browser.pause(300);
    }
    await textIn(browser, '#week-grid', 'Integration', 'the integration in its week');
    await textIn(browser, '#week-grid', 'Dosing', 'the moved dosing in the same week');
    await textIn(browser, '#week-grid [data-day="2027-01-11"]', 'Dosing', 'the dosing on Monday the 11th');
    await textIn(browser, '#week-grid [data-day="2027-01-13"]', 'Integration', 'the integration on Wednesday the 13th');
    await screenshot(browser, '62-the-week');

    // One day: its heading opens it; the arrow keys move a day at a time.
    await clickWhenEnabled(browser, '#week-grid [data-open-day="2027-01-11"]', 'Monday the 11th');
    await textIn(browser, '#week-grid [data-day="2027-01-11"]', 'Dosing', 'the day view of the 11th');
    assert.equal((await browser.$$('#week-grid [data-day]')).length, 1, 'the day view shows one day');
    await browser.execute(() => document.getElementById('week-grid')?.focus());
    await browser.keys('ArrowRight');
    await browser.keys('ArrowRight');
    await textIn(browser, '#week-grid [data-day="2027-01-13"]', 'Integration', 'two days later by keyboard');
    await clickWhenEnabled(browser, '#calendar-week', 'Week');
    await shown(browser, '#week-grid [data-day="2027-01-17"]', 'the whole week again');
  }));

/** The .ics file read by Python's icalendar: each event's summary, and the whole text. */
function parsedCalendar(file) {
  const script = [
    'import sys, json, icalendar',
    'cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())',
    'print(json.dumps([str(e.get("summary")) for e in cal.walk("VEVENT")]))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

test('her settings, the arc’s next step, a late cancellation with its fee, and her calendar saved as .ics', () =>
  recording(() => ctx.browser, 'schedule-call-off', async () => {
    // The window the first test unlocked (one WebDriver session at a time).
    const browser = ctx.browser;
    // Settings: a $75 late-cancellation fee (free with 24 hours' notice), a 90-minute integration.
    await (await shown(browser, '#nav-settings', 'the Settings link')).click();
    await typeInto(browser, '#fee-late-cancel', '75', 'the late-cancellation fee');
    await clickWhenEnabled(browser, '#fees-save', 'Save fees');
    await textIn(browser, '#fees-form', 'Saved.', 'the fees saved');
    await typeInto(browser, '#clinical-integration', '90', 'an integration’s length');
    await clickWhenEnabled(browser, '#clinical-save', 'Save');
    await textIn(browser, '#clinical-saved', 'Saved.', 'the schedule settings saved');

    // The arc offers the program's next step; after the dosing the first test booked and
    // integrated, that is whatever the core says comes next, preselected in the form.
    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    await clickWhenEnabled(browser, 'button[data-unit="e2e-couple"]', 'the couple');
    const next = await (await textIn(browser, '#arc-next', 'Next:', 'the next step, offered')).getText();
    await clickWhenEnabled(browser, '#arc-book-next', 'Book the next step');
    await shown(browser, '#book-kind', 'kind');
    const chosen = await browser.execute(() => {
      const select = /** @type {HTMLSelectElement} */ (document.getElementById('book-kind'));
      return select.options[select.selectedIndex]?.text ?? '';
    });
    assert.ok(chosen && next.includes(chosen), `the form opens on the arc's next kind ("${chosen}" in "${next}")`);
    // Later today, so that now is less than a day's notice.
    await typeInto(browser, '#book-time', '23:59', 'the time');
    await clickWhenEnabled(browser, '#book-save', 'Book');
    await shown(browser, '#session-title', 'the session, booked');

    await clickWhenEnabled(browser, '#session-cancel', 'Cancel the session');
    await textIn(browser, '#call-off-fee', 'the late-cancellation fee of $75.00 applies', 'the fee, shown before she confirms');
    await clickWhenEnabled(browser, '#call-off-therapist', 'You');
    await textIn(browser, '#call-off-fee', 'You called it off: no fee', 'no fee when she calls it off');
    await clickWhenEnabled(browser, '#call-off-client', 'The client');
    await textIn(browser, '#call-off-fee', '$75.00', 'the fee again for the client');
    await clickWhenEnabled(browser, '#call-off-confirm', 'Cancel the session');
    await textIn(browser, '#call-off-error', 'Say why', 'a cancellation needs a reason');
    await typeInto(browser, '#call-off-reason', 'Childcare fell through', 'the reason');
    await screenshot(browser, '63-late-cancellation');
    await clickWhenEnabled(browser, '#call-off-confirm', 'Cancel the session');
    await textIn(browser, '#session-called-off', 'Cancelled by the client', 'who called it off');
    await textIn(browser, '#session-called-off', 'Childcare fell through. Fee: $75.00', 'the reason and the fee kept');
    await textIn(browser, '#session-when', 'Cancelled', 'the status');

    // The calendar, saved through the save dialog, read by an independent parser.
    await (await shown(browser, '#nav-sessions', 'the Sessions link')).click();
    await clickWhenEnabled(browser, '#calendar-export', 'Export calendar…');
    await setDate(browser, '#calendar-from', '2026-11-01', 'from');
    await setDate(browser, '#calendar-to', '2027-03-31', 'to');
    const file = join(ctx.home.home, 'attune-calendar.ics');
    await clickWhenEnabled(browser, '#calendar-save', 'Save .ics…');
    await answerFileDialog('Save the calendar', file, 'save');
    await textIn(browser, '#calendar-saved', 'sessions saved to', 'the count, said');
    assert.ok(existsSync(file), 'the file is where she chose');
    const summaries = parsedCalendar(file);
    assert.ok(summaries.length >= 3, `the dosing, its integration and the cancelled session: ${summaries}`);
    assert.ok(summaries.every((s) => s.startsWith('S.O. & Z.Ñ.:') || s.startsWith('Z.Ñ. & S.O.:')), `initials by default: ${summaries}`);
    assert.ok(!summaries.some((s) => /Zoë|Ñúñez|Samuel|Okafor/.test(s)), 'no full name leaves with initials chosen');
  }));
