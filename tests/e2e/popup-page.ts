// The popup as a user finds it: by role and by name. Tests say what they do ("open the
// paper", "refresh") and read what is on screen, never the popup's internals.
import type { Locator, Page } from 'playwright-core';

/** One paper card in the list. */
export class PaperCardPart {
  constructor(readonly root: Locator) {}

  /** The title link, which opens the paper's page on Hugging Face. */
  get titleLink(): Locator {
    return this.root.getByRole('heading', { level: 2 }).getByRole('link');
  }

  async id(): Promise<string> {
    return (await this.root.getAttribute('data-paper-id')) ?? '';
  }

  async isUnread(): Promise<boolean> {
    return (await this.root.getAttribute('data-unread')) === 'true';
  }

  /** True when the card shows the "Unread" marker a sighted user or a screen reader meets. */
  async showsUnreadMarker(): Promise<boolean> {
    return await this.root.getByRole('img', { name: 'Unread' }).isVisible();
  }

  async markRead(): Promise<void> {
    await this.root.getByRole('button', { name: 'Mark as read' }).click();
  }

  async markUnread(): Promise<void> {
    await this.root.getByRole('button', { name: 'Mark as unread' }).click();
  }
}

export class PopupPage {
  constructor(readonly page: Page) {}

  /** The day label: "Today", "Yesterday" or a date. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** "Updated just now", "Refreshing… 2/8"… */
  get status(): Locator {
    return this.page.getByRole('status');
  }

  /** The banner shown when a refresh failed. */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Papers' });
  }

  /** Every paper card, in the order shown. */
  get cards(): Locator {
    return this.list.locator('article.paper');
  }

  card(id: string): PaperCardPart {
    return new PaperCardPart(this.list.locator(`article.paper[data-paper-id="${id}"]`));
  }

  cardAt(index: number): PaperCardPart {
    return new PaperCardPart(this.cards.nth(index));
  }

  /** The titles shown, top to bottom (empty while no list is shown). */
  async titles(): Promise<string[]> {
    if ((await this.list.count()) === 0) return [];
    return (await this.cards.getByRole('heading', { level: 2 }).getByRole('link').allInnerTexts()).map((title) =>
      title.trim(),
    );
  }

  /** Ids of the cards marked unread, top to bottom. */
  async unreadIds(): Promise<string[]> {
    return await this.list
      .locator('article.paper[data-unread="true"]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-paper-id') ?? ''));
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh', exact: true }).click();
  }

  async markAllRead(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark all as read' }).click();
  }

  async previousDay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Previous day' }).click();
  }

  async nextDay(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next day' }).click();
  }

  /** Clicks a paper's title and returns the tab it opened, once loaded. */
  async openPaper(id: string): Promise<Page> {
    const opened = this.page.context().waitForEvent('page');
    await this.card(id).titleLink.click();
    const tab = await opened;
    await tab.waitForLoadState();
    return tab;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
