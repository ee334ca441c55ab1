import { browser } from 'wxt/browser';

/**
 * Every alarm Paperboy sets, in one registry: the name the browser knows it by. A worker stopped
 * by the browser is woken by these (Chrome stops idle workers; an in-memory timer dies with it).
 */
export const ALARMS = {
  /** The scheduled refresh (periodic, the interval of the settings). */
  refresh: 'paperboy-refresh',
  /** Keeps the tooltip's "updated N min ago" true between refreshes (periodic). */
  tooltip: 'paperboy-tooltip',
  /** The archive download's next step, or its watchdog while it runs. */
  archive: 'paperboy-archive',
  /** The next digest, or the end of the quiet time holding one. */
  digest: 'paperboy-digest',
  /** The end of quiet hours or a snooze: what arrived meanwhile is announced then. */
  quietEnd: 'paperboy-quiet-end',
  /** A sync a stopped worker had scheduled. */
  sync: 'paperboy-sync',
} as const;

export type AlarmKey = keyof typeof ALARMS;

/** What the services do with alarms (tests pass the browser's, over fakeBrowser). */
export interface Alarms {
  /** Fires once at `when` (ms epoch); null clears it. */
  at(key: AlarmKey, when: number | null): Promise<void>;
  /** Fires once after `minutes` (Chrome's minimum is 30 s). */
  after(key: AlarmKey, minutes: number): Promise<void>;
  /** Fires every `minutes`, first after one period; left alone when it already has that period. */
  every(key: AlarmKey, minutes: number): Promise<void>;
}

/** The browser's alarms. */
export function browserAlarms(): Alarms {
  return {
    async at(key, when) {
      if (when === null) await browser.alarms.clear(ALARMS[key]);
      else await browser.alarms.create(ALARMS[key], { when });
    },
    async after(key, minutes) {
      await browser.alarms.create(ALARMS[key], { delayInMinutes: minutes });
    },
    async every(key, minutes) {
      const existing = await browser.alarms.get(ALARMS[key]);
      if (existing?.periodInMinutes === minutes) return;
      await browser.alarms.create(ALARMS[key], { delayInMinutes: minutes, periodInMinutes: minutes });
    },
  };
}

/** Calls the handler of each alarm that fires (alarms of other names are left alone). */
export function listenToAlarms(handlers: Record<AlarmKey, () => void>): void {
  const byName = new Map<string, () => void>(
    Object.entries(ALARMS).map(([key, name]) => [name, handlers[key as AlarmKey]]),
  );
  browser.alarms.onAlarm.addListener((alarm) => byName.get(alarm.name)?.());
}
