// A couple's safety records in the real window: screening with an exclusion, a medical
// clearance, consents (one a release of information), the domestic-violence screen, editing a
// person's details and the relationship; then the whole vault exported through the system's
// save dialog, a changed copy imported through its open dialog, and a bad one refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  answerFileDialog, clickWhenEnabled, openUnlocked, pressInWindow, recording, screenshot, setDate, shown, suite, textIn, typeInto,
} from './harness.mjs';

const PASSPHRASE = 'juniper lantern meadow 8';
const ctx = suite({ passphrase: PASSPHRASE });

async function addPerson(browser, name) {
  await clickWhenEnabled(browser, '#add-person', 'Add person');
  await typeInto(browser, '#person-legal_name', name, 'legal name');
  await clickWhenEnabled(browser, '#person-save', 'Save person');
  await textIn(browser, '#person-list', name, `${name} in the list of people`);
}

test('record screening, clearance, consents and the DV screen; edit; export and import through the file dialogs', () =>
  recording(() => ctx.browser, 'records', async () => {
    const browser = await openUnlocked(ctx, PASSPHRASE);
    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    await addPerson(browser, 'Alexandra Rivera');
    await addPerson(browser, 'Jordan Chen');
    await clickWhenEnabled(browser, '#add-unit', 'New relationship');
    for (const name of ['Alexandra Rivera', 'Jordan Chen']) {
      const button = await browser.$(`//div[@id="unit-candidates"]/button[contains(., "${name}")]`);
      await button.waitForClickable({ timeout: 10_000 });
      await button.click();
    }
    await clickWhenEnabled(browser, '#unit-save', 'Save relationship');
    await textIn(browser, '#chart-title', 'Rivera–Chen', 'the new chart');
    await textIn(browser, '#chart-alerts', 'Rivera–Chen has no domestic-violence screen on file.', 'the DV alert');
    await textIn(browser, '#chart-alerts', 'Alexandra Rivera has no screening on file.', 'the screening alert');

    // Alexandra's screening finds untreated substance use.
    await clickWhenEnabled(browser, '#screening-0-open', 'Record screening');
    await clickWhenEnabled(browser, '#screening-0-form [data-exclusion="untreated_substance_use"]', 'the substance-use question');
    await clickWhenEnabled(browser, '#screening-0-save', 'Save screening');
    await textIn(browser, '#screening-state-0', '1 exclusion', 'the screening state');
    await textIn(browser, '#chart-alerts', "Alexandra Rivera's screening shows: Untreated substance use disorder.", 'the exclusion alert');

    // Jordan's clearance: an end before its start is refused with the core's sentence, then fixed.
    await clickWhenEnabled(browser, '#clearance-1-open', 'Add medical clearance');
    await typeInto(browser, '#clearance-1-prescriber', 'Dr. Imani Okafor', 'prescriber');
    await setDate(browser, '#clearance-1-from', '2026-11-01', 'cleared on');
    await setDate(browser, '#clearance-1-until', '2026-10-01', 'valid until');
    await clickWhenEnabled(browser, '#clearance-1-save', 'Save clearance');
    await textIn(browser, '#clearance-1-error', 'A clearance cannot end (2026-10-01) before it starts (2026-11-01).', 'the refusal');
    await setDate(browser, '#clearance-1-until', '2099-05-01', 'valid until');
    await clickWhenEnabled(browser, '#clearance-1-save', 'Save clearance');
    await textIn(browser, '#clearance-state-1', 'Cleared until 05/01/2099', 'the clearance state');

    // Jordan's consents: KAP informed consent, and a release of information to the prescriber.
    await clickWhenEnabled(browser, '#consent-1-open', 'Add consent');
    await clickWhenEnabled(browser, '#consent-1-save', 'Save consent');
    await textIn(browser, '#consents-1', 'KAP informed consent · signed', 'the KAP consent');
    await clickWhenEnabled(browser, '#consent-1-open', 'Add consent');
    await (await shown(browser, '#consent-1-kind', 'consent kind')).selectByAttribute('value', 'release_of_information');
    await typeInto(browser, '#consent-1-to', 'Dr. Imani Okafor, prescriber', 'released to');
    await clickWhenEnabled(browser, '#consent-1-save', 'Save consent');
    await textIn(browser, '#consents-1', 'Release of information · signed', 'the release');
    await textIn(browser, '#consents-1', 'to Dr. Imani Okafor, prescriber', 'to whom');
    const alerts = await (await browser.$('#chart-alerts')).getText();
    assert.ok(!alerts.includes('Jordan Chen has no medical clearance'), `Jordan's clearance alert is gone: ${alerts}`);
    assert.ok(!alerts.includes('Jordan Chen has not signed'), `Jordan's consent alert is gone: ${alerts}`);

    // The relationship's DV screen: a concern, shown as a warning.
    await clickWhenEnabled(browser, '#dv-open', 'Record domestic-violence screen');
    await clickWhenEnabled(browser, '#dv-form [data-result="concern"]', 'the concern answer');
    await clickWhenEnabled(browser, '#dv-save', 'Save DV screen');
    await textIn(browser, '#dv-latest', 'A concern to follow', 'the DV screen');
    await textIn(browser, '#chart-alerts', 'raised a concern to follow', 'the DV warning');
    await (await browser.$('#chart-title')).scrollIntoView();
    await screenshot(browser, '17-safety-records');

    // Edit Alexandra's details: address and emergency contact are kept.
    await clickWhenEnabled(browser, '#edit-person-0', 'Edit details');
    await typeInto(browser, '#person-address', '12 Saguaro Way, Tucson AZ 85701', 'address');
    await typeInto(browser, '#person-emergency_contact', 'Maria Rivera (sister) 520-555-0199', 'emergency contact');
    await clickWhenEnabled(browser, '#person-save', 'Save person');
    await textIn(browser, '#chart-title', 'Rivera–Chen', 'back on the chart');
    await clickWhenEnabled(browser, '#edit-person-0', 'Edit details');
    assert.equal(await (await shown(browser, '#person-address', 'address')).getValue(), '12 Saguaro Way, Tucson AZ 85701');
    await clickWhenEnabled(browser, '//form[@id="person-form"]//button[.="Cancel"]', 'Cancel');

    // Edit the relationship: in the program since September.
    await clickWhenEnabled(browser, '#edit-unit', 'Edit relationship');
    await (await shown(browser, '#unit-status', 'status')).selectByAttribute('value', 'active');
    await setDate(browser, '#unit-start', '2026-09-01', 'start date');
    await typeInto(browser, '#unit-goals', 'Rebuild trust after the move', 'goals');
    await clickWhenEnabled(browser, '#unit-save', 'Save relationship');
    await textIn(browser, '#chart-summary', 'In the program since 09/01/2026', 'the chart summary');

    // Export through the save dialog; the file holds every record.
    const exported = join(ctx.home.home, 'rivera-chen.json');
    await (await shown(browser, '#nav-settings', 'Settings')).click();
    await clickWhenEnabled(browser, '#export-document', 'Export all records…');
    await answerFileDialog('Export all records', exported, 'save', '18-export-save-dialog');
    await textIn(browser, '#exchange-done', 'not encrypted', 'the export note', 20_000);
    const doc = JSON.parse(readFileSync(exported, 'utf8'));
    assert.equal(doc.format, 'attune-export');
    assert.deepEqual(doc.persons.map((p) => p.legal_name).sort(), ['Alexandra Rivera', 'Jordan Chen']);
    assert.equal(doc.persons.find((p) => p.legal_name === 'Alexandra Rivera').emergency_contact, 'Maria Rivera (sister) 520-555-0199');
    assert.deepEqual(doc.screenings[0].present, ['untreated_substance_use']);
    assert.equal(doc.consents.length, 2);
    assert.equal(doc.dv_screens[0].result, 'concern');

    // A bad copy (an impossible date) is refused with its place, and nothing changes.
    const bad = structuredClone(doc);
    bad.persons[0].date_of_birth = '1990-02-30';
    bad.units[0].goals = 'Must not be imported';
    const badFile = join(ctx.home.home, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    await clickWhenEnabled(browser, '#choose-import', 'Import a document…');
    await answerFileDialog('Import a document', badFile, 'open');
    await textIn(browser, '#import-file', 'bad.json', 'the chosen file');
    await clickWhenEnabled(browser, '#import-document', 'Import');
    const refusal = await textIn(browser, '#exchange-error', 'persons[0].date_of_birth: "1990-02-30" is not a date', 'the refusal naming its place');
    await refusal.scrollIntoView();
    await screenshot(browser, '19-import-refused');

    // A good copy with new goals merges by id: two persons and one unit updated, none added.
    const changed = structuredClone(doc);
    changed.units[0].goals = 'Rebuild trust; plan the first dosing';
    const goodFile = join(ctx.home.home, 'changed.json');
    writeFileSync(goodFile, JSON.stringify(changed));
    await clickWhenEnabled(browser, '#choose-import', 'Import a document…');
    await answerFileDialog('Import a document', goodFile, 'open');
    await textIn(browser, '#import-file', 'changed.json', 'the chosen file');
    await clickWhenEnabled(browser, '#import-document', 'Import');
    await textIn(browser, '#exchange-done', 'Imported changed.json: 0 records added, 3 updated', 'the import summary');

    await (await shown(browser, '#nav-clients', 'the Clients link')).click();
    // The list loads after the screen opens: wait for it before counting.
    await shown(browser, '#unit-list button[data-unit]', 'the relationships');
    const list = await browser.$$('#unit-list button[data-unit]');
    assert.equal(list.length, 1, 'still one relationship: nothing duplicated');
    await list[0].click();
    await textIn(browser, '#chart-goals', 'Rebuild trust; plan the first dosing', 'the imported goals');
    await textIn(browser, '#consents-1', 'Release of information', 'the records kept');

    // The window menu's File › Export (Ctrl+Shift+E) opens the same save dialog from any screen.
    const viaMenu = join(ctx.home.home, 'via-menu.json');
    pressInWindow('ctrl+shift+e');
    await answerFileDialog('Export all records', viaMenu, 'save');
    await textIn(browser, '#exchange-done', 'via-menu.json', 'the export note', 20_000);
    const again = JSON.parse(readFileSync(viaMenu, 'utf8'));
    assert.equal(again.units[0].goals, 'Rebuild trust; plan the first dosing');
  }));
