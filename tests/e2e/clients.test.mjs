// Clients in the real window: three new people, a triad made of them, a diagnosis for one,
// the unit found by search (diacritics folded), and its chart with the partners side by side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickWhenEnabled, openUnlocked, recording, screenshot, shown, suite, textIn, typeInto,
} from './harness.mjs';

const PASSPHRASE = 'cedar window harbor 21';
const ctx = suite({ passphrase: PASSPHRASE });

async function addPerson(browser, name, pronouns) {
  await clickWhenEnabled(browser, '#add-person', 'Add person');
  await typeInto(browser, '#person-legal_name', name, 'legal name');
  await typeInto(browser, '#person-pronouns', pronouns, 'pronouns');
  await typeInto(browser, '#person-state_of_residence', 'AZ', 'state');
  await clickWhenEnabled(browser, '#person-save', 'Save person');
  await textIn(browser, '#person-list', name.split(' ')[0], `${name} in the list of people`);
}

test('build a triad, diagnose one partner, find it by search, open its chart', () =>
  recording(() => ctx.browser, 'clients', async () => {
    const browser = await openUnlocked(ctx, PASSPHRASE);
    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    await shown(browser, '#no-units', 'the empty list of relationships');

    // A date of birth that is not on the calendar is refused with a sentence, not saved blank.
    await clickWhenEnabled(browser, '#add-person', 'Add person');
    await typeInto(browser, '#person-legal_name', 'Nadia Impossible', 'legal name');
    await typeInto(browser, '#person-date_of_birth', '2026-02-30', 'date of birth');
    await clickWhenEnabled(browser, '#person-save', 'Save person');
    await textIn(browser, '#person-error', 'The date of birth 2026-02-30 is not a day on the calendar: February 2026 has 28 days.', 'the refusal');
    assert.equal(await (await browser.$('#person-date_of_birth')).getAttribute('aria-invalid'), 'true', 'the field it names is marked');
    await screenshot(browser, '12-impossible-birthday');
    await clickWhenEnabled(browser, '#person-cancel', 'Cancel');

    await addPerson(browser, 'Zoë Ñúñez', 'she/her');
    await addPerson(browser, 'Samuel Okafor', 'they/them');
    await addPerson(browser, 'Þórunn Magnúsdóttir', 'she/her');

    await clickWhenEnabled(browser, '#add-unit', 'New relationship');
    await shown(browser, '#unit-candidates', 'the people to add as partners');
    for (const name of ['Zoë Ñúñez', 'Samuel Okafor', 'Þórunn Magnúsdóttir']) {
      const button = await browser.$(`//div[@id="unit-candidates"]/button[contains(., "${name}")]`);
      await button.waitForClickable({ timeout: 10_000, timeoutMsg: `no button to add ${name}` });
      await button.click();
      await textIn(browser, '#unit-partners', name, `${name} among the chosen partners`);
    }
    const unitName = await shown(browser, '#unit-name', 'the unit name');
    assert.equal(await unitName.getValue(), 'Ñúñez–Okafor–Magnúsdóttir', 'a name suggested from the partners');
    assert.equal(await (await browser.$('#unit-structure')).getValue(), 'triad', 'three partners: a triad');
    await typeInto(browser, '#unit-goals', 'Make room for three', 'goals');
    await screenshot(browser, '13-new-triad');
    await clickWhenEnabled(browser, '#unit-save', 'Save relationship');

    // The chart opens: three columns.
    await textIn(browser, '#chart-title', 'Ñúñez–Okafor–Magnúsdóttir', 'the chart title', 20_000);
    const columns = await browser.$$('.partner');
    assert.equal(columns.length, 3, 'one column per partner');
    await textIn(browser, '#chart-alerts', 'Samuel Okafor has no medical clearance.', 'the clearance alert');

    // A diagnosis for Samuel (the second column), through the picker.
    await typeInto(browser, '#dx-search-1', 'adjustment anxiety depressed', 'diagnosis search');
    await clickWhenEnabled(browser, '#dx-codes-1 [data-code="F43.23"]', 'the F43.23 code');
    await clickWhenEnabled(browser, '#dx-add-1', 'Add diagnosis');
    await textIn(browser, '#diagnoses-1', 'F43.23 (primary)', 'the new diagnosis on the chart');
    await textIn(browser, '#diagnoses-0', 'None', 'the other partners keep none');
    await screenshot(browser, '14-triad-chart');

    // Back to the list; search folds diacritics: "zoe" finds the unit.
    await clickWhenEnabled(browser, '#back-to-clients', 'All clients');
    await typeInto(browser, '#client-search', 'zoe', 'the search field');
    const results = await textIn(browser, '#search-results', 'Ñúñez–Okafor–Magnúsdóttir', 'the triad in the results');
    await screenshot(browser, '15-search-zoe');
    await (await results.$('button[data-unit]')).click();
    await textIn(browser, '#chart-title', 'Ñúñez–Okafor–Magnúsdóttir', 'the chart from search');
    await textIn(browser, '#diagnoses-1', 'F43.23', 'the diagnosis kept');
  }));
