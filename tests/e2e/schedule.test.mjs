// Her schedule in the window: a couple's dosing is booked, the integration the protocol asks for
// is proposed a day later at the same hour and booked with one click; moving the dosing onto
// that hour (by keyboard, a day later) is warned about before anything is saved; moved a day
// earlier instead, it is saved; the week's calendar, reached by the arrow keys, shows both.
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, clickWhenEnabled, openUnlocked, recording, screenshot, setDate, shown, suite, textIn, typeInto } from './harness.mjs';

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
  }));
