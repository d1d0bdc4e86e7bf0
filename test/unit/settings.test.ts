import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config.js';
import { loadSettings, validateSettings } from '../../src/settings/load.js';

const valid = () => loadSettings(undefined, { serviceDeskChannel: 'C0DESK' });

describe('settings', () => {
  it('loads the shipped settings file with the desk channel from the environment', () => {
    const settings = valid();
    expect(settings.channels.serviceDesk).toBe('C0DESK');
    expect(settings.priorityMatrix.medium.medium).toBe('P3');
    expect(settings.incidents).toEqual({ autoCloseAfterBusinessDays: 3, majorUpdateEveryMinutes: 30 });
  });

  it('names each bad setting, where it is, and what it must be', () => {
    const bad = { ...valid(), calendar: { timeZone: 'Mars/Olympus' }, channels: { serviceDesk: 'desk' } };
    try {
      validateSettings(bad, 'itsm.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toEqual([
        'SERVICE_DESK_CHANNEL (or channels.serviceDesk in itsm.yml) must be a Slack channel (C…) id; see README, "Configuration"',
        'calendar.timeZone in itsm.yml must be an IANA time zone such as Asia/Shanghai or Europe/Berlin; see README, "Configuration"',
      ]);
    }
  });
});
