import { browser } from 'wxt/browser';

/** What a notification says. `items` and `buttons` show where the browser has them (Chrome). */
export interface NotificationContent {
  title: string;
  message: string;
  items?: { title: string; message: string }[];
  buttons?: string[];
}

/** Showing and clearing notifications. */
export interface Notifications {
  /** Shows (or replaces) the notification `id`. */
  show(id: string, content: NotificationContent): Promise<void>;
  clear(id: string): Promise<void>;
}

/**
 * The browser's notifications, with what each can show: Chrome has list notifications and
 * buttons; Firefox has neither, so it gets a basic one with the same title and message
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/notifications/NotificationOptions).
 */
export function browserNotifications(isChrome = import.meta.env.BROWSER !== 'firefox'): Notifications {
  return {
    async show(id, content) {
      const base = {
        iconUrl: browser.runtime.getURL('/icon/128.png' as '/'),
        title: content.title,
        message: content.message,
        priority: 0,
      };
      const rich =
        isChrome && content.items !== undefined && content.items.length > 0
          ? { ...base, type: 'list' as const, items: content.items }
          : { ...base, type: 'basic' as const };
      const buttons =
        isChrome && content.buttons !== undefined ? { buttons: content.buttons.map((title) => ({ title })) } : {};
      await browser.notifications.create(id, { ...rich, ...buttons });
    },
    async clear(id) {
      await browser.notifications.clear(id);
    },
  };
}

/** What a kind of notification does when clicked or closed: the notifications whose id starts with `prefix`. */
export interface NotificationRoute {
  prefix: string;
  onClicked?: (id: string) => Promise<void>;
  onButtonClicked?: (id: string, buttonIndex: number) => Promise<void>;
  onClosed?: (id: string) => Promise<void>;
}

/**
 * The one router of notification events: each click, button and close goes to the route of the
 * longest matching prefix; a failure is logged, never left unhandled.
 */
export function listenToNotifications(routes: readonly NotificationRoute[], log: (error: unknown) => void): void {
  const sorted = [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
  const routeOf = (id: string): NotificationRoute | undefined => sorted.find((route) => id.startsWith(route.prefix));
  browser.notifications.onClicked.addListener((id) => void routeOf(id)?.onClicked?.(id).catch(log));
  browser.notifications.onClosed.addListener((id) => void routeOf(id)?.onClosed?.(id).catch(log));
  // Firefox has no notification buttons.
  browser.notifications.onButtonClicked?.addListener(
    (id, index) => void routeOf(id)?.onButtonClicked?.(id, index).catch(log),
  );
}
