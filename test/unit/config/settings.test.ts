import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { feedbackFolderPath } from '../../../src/core/config/feedbackFolder';
import {
  activeProfile,
  profileId,
  selectedProfile,
  SettingsError,
  settingsFrom,
} from '../../../src/core/config/settings';

describe('municipality profiles', () => {
  const oslo01 = { number: '0301', name: 'Oslo', bydel: '01', ssbUsername: 'postmottak@oslo.kommune.no' };
  const oslo02 = { number: '0301', name: 'Oslo', bydel: '02', ssbUsername: 'bydel02@oslo.kommune.no' };
  const hamar = { number: '0403', name: 'Hamar', bydel: '00' };

  it('a profile id is the number, plus the district where there are districts', () => {
    assert.equal(profileId(hamar), '0403');
    assert.equal(profileId({ number: '0403', name: 'Hamar' }), '0403');
    assert.equal(profileId(oslo02), '0301-02');
  });

  it('the active profile is found by id (districts apart) or by number', () => {
    const settings = settingsFrom({ municipalities: [oslo01, oslo02, hamar], activeMunicipality: '0301-02' });
    assert.deepEqual(activeProfile(settings), oslo02);
    assert.deepEqual(activeProfile({ ...settings, activeMunicipality: '0403' }), hamar);
    assert.deepEqual(
      activeProfile({ ...settings, activeMunicipality: '0301' }),
      oslo01,
      'a number alone picks the first district',
    );
    assert.throws(() => activeProfile({ ...settings, activeMunicipality: '5001' }), SettingsError);
    assert.throws(() => activeProfile({ ...settings, activeMunicipality: '' }), /none is active/);
  });

  it('the selected profile is the active one, else the only one, else none (never the first of several)', () => {
    const several = settingsFrom({ municipalities: [oslo01, oslo02, hamar], activeMunicipality: '0301-02' });
    assert.deepEqual(selectedProfile(several), oslo02);
    assert.deepEqual(selectedProfile({ ...several, activeMunicipality: '0403' }), hamar);
    assert.deepEqual(
      selectedProfile({ ...several, activeMunicipality: '0301' }),
      oslo01,
      'a number alone: first district',
    );
    assert.equal(selectedProfile({ ...several, activeMunicipality: '5001' }), undefined, 'the active one is missing');
    assert.equal(selectedProfile({ ...several, activeMunicipality: '' }), undefined, 'several, none active');
    const one = settingsFrom({ municipalities: [hamar] });
    assert.deepEqual(selectedProfile(one), hamar, 'the only one, though not active');
    assert.equal(
      selectedProfile({ ...one, activeMunicipality: '0301' }),
      undefined,
      'not the only one when another is active',
    );
    assert.equal(selectedProfile(settingsFrom({})), undefined, 'none set up');
  });
});

describe('feedback folder setting', () => {
  it('replaces ${year} and stays relative to the workspace', () => {
    assert.equal(feedbackFolderPath('IPLOS/${year}/tilbakemelding', 2025), join('IPLOS', '2025', 'tilbakemelding'));
    assert.equal(feedbackFolderPath('tilbakemelding', 2025), 'tilbakemelding');
  });

  it('refuses folders outside the workspace (feedback holds personal data)', () => {
    for (const template of ['/tmp/feedback', '../utenfor', 'IPLOS/../../x', 'C:\\\\Users\\\\x', '', '.']) {
      assert.throws(() => feedbackFolderPath(template, 2025), SettingsError, template);
    }
  });
});
