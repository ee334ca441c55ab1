import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsView, type OptionsViewProps } from '@/components/OptionsView';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

// Local times, so the clock shown does not depend on the machine's time zone.
const NOW = new Date(2026, 10, 26, 14, 0).getTime();
const HOUR = 3_600_000;
const DEFAULT_ENDPOINT = 'https://huggingface.co';

function renderView(settings: Partial<Settings> = {}, overrides: Partial<OptionsViewProps> = {}) {
  const props: OptionsViewProps = {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    defaultEndpoint: DEFAULT_ENDPOINT,
    now: NOW,
    matchCounts: [],
    counting: false,
    status: '',
    endpointMessage: null,
    onChange: vi.fn(),
    onSnooze: vi.fn(),
    onResume: vi.fn(),
    onApplyEndpoint: vi.fn(),
    onResetEndpoint: vi.fn(),
    ...overrides,
  };
  render(<OptionsView {...props} />);
  return props;
}

function input(label: string | RegExp): HTMLInputElement {
  return screen.getByLabelText(label);
}

afterEach(cleanup);

describe('OptionsView', () => {
  it('shows every setting at its default with the default named', () => {
    renderView();

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Paperboy options');
    const refresh = screen.getByRole('combobox', { name: 'Check for new papers every' });
    expect((refresh as HTMLSelectElement).value).toBe('30');
    expect(within(refresh).getByRole('option', { selected: true }).textContent).toBe('30 minutes (default)');
    expect(input('Show notifications').checked).toBe(true);
    expect(input('Hold notifications during quiet hours').checked).toBe(false);
    expect(input('Start').value).toBe('22:00');
    expect(input('End').value).toBe('08:00');
    expect(input(/upvote threshold$/).checked).toBe(false);
    expect(input('Upvote threshold').value).toBe('50');
    expect(input('Show watchlist matches first').checked).toBe(false);
    expect(screen.getByRole('radio', { name: 'Unread count (default)' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Opening a paper marks it read (default)' })).toHaveProperty(
      'checked',
      true,
    );
    expect(input('Endpoint address').value).toBe(DEFAULT_ENDPOINT);
    expect(screen.getByText('Your watchlist is empty.')).toBeTruthy();
    for (const hint of ['Default: on.', 'Default: off, 22:00 to 08:00.', 'Default: 50.', 'Default: not snoozed.']) {
      expect(screen.getByText(new RegExp(hint.replace('.', '\\.')))).toBeTruthy();
    }
  });

  it('groups the page into labelled sections with headings', () => {
    renderView();

    const expected = [
      'Refresh',
      'Notifications',
      'Digest',
      'Watchlist',
      'Badge',
      'Reading',
      'Saving',
      'Hugging Face endpoint',
      'Archive',
    ];
    const actual = screen.getAllByRole('region').map((region) => within(region).getByRole('heading').textContent);
    expect(actual).toEqual(expected);
    for (const name of expected) expect(screen.getByRole('region', { name })).toBeTruthy();
  });

  it.each([
    [
      'the refresh interval',
      () => fireEvent.change(screen.getByLabelText('Check for new papers every'), { target: { value: '120' } }),
      { refreshMinutes: 120 },
    ],
    ['notifications off', () => fireEvent.click(input('Show notifications')), { notificationsEnabled: false }],
    [
      'quiet hours on',
      () => fireEvent.click(input('Hold notifications during quiet hours')),
      { quietHours: { enabled: true, start: '22:00', end: '08:00' } },
    ],
    [
      'the quiet hours start',
      () => fireEvent.input(input('Start'), { target: { value: '23:30' } }),
      { quietHours: { enabled: false, start: '23:30', end: '08:00' } },
    ],
    [
      'the quiet hours end',
      () => fireEvent.input(input('End'), { target: { value: '07:15' } }),
      { quietHours: { enabled: false, start: '22:00', end: '07:15' } },
    ],
    [
      'the upvote alert on',
      () => fireEvent.click(input(/upvote threshold$/)),
      { upvoteAlert: { enabled: true, threshold: 50 } },
    ],
    [
      'the upvote threshold',
      () => fireEvent.input(input('Upvote threshold'), { target: { value: '120' } }),
      { upvoteAlert: { enabled: false, threshold: 120 } },
    ],
    ['watchlist matches first', () => fireEvent.click(input('Show watchlist matches first')), { watchlistFirst: true }],
    ['the dot badge', () => fireEvent.click(screen.getByRole('radio', { name: 'A dot' })), { badgeMode: 'dot' }],
    ['no badge', () => fireEvent.click(screen.getByRole('radio', { name: 'Nothing' })), { badgeMode: 'none' }],
    [
      'the watchlist badge',
      () => fireEvent.click(screen.getByRole('radio', { name: 'Watchlist matches only' })),
      { badgeMode: 'watchlist' },
    ],
    [
      'explicit mark read',
      () => fireEvent.click(screen.getByRole('radio', { name: 'Only “Mark as read” marks it read' })),
      { markReadOn: 'explicit' },
    ],
  ] as [string, () => void, Partial<Settings>][])('saves %s at once', (_name, act, expected) => {
    const props = renderView();

    act();

    expect(props.onChange).toHaveBeenCalledTimes(1);
    expect(props.onChange).toHaveBeenCalledWith(expected);
  });

  it('saves nothing for an upvote threshold that is not a whole number from 1, and says what is kept', () => {
    const props = renderView();

    fireEvent.input(input('Upvote threshold'), { target: { value: '0' } });

    expect(props.onChange).not.toHaveBeenCalled();
    expect(input('Upvote threshold').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Enter a whole number from 1 to 100,000; 50 is kept/)).toBeTruthy();
  });

  it('offers the saved refresh interval even when it is not one of the choices', () => {
    renderView({ refreshMinutes: 45 });

    expect(screen.getByLabelText<HTMLSelectElement>('Check for new papers every').value).toBe('45');
    expect(screen.getByRole('option', { name: '45 minutes' })).toBeTruthy();
  });

  it('shows the "Saved" status in a live region', () => {
    renderView({}, { status: 'Saved' });

    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  describe('snooze', () => {
    it('offers an hour or until tomorrow when not snoozed', () => {
      const props = renderView();

      fireEvent.click(screen.getByRole('button', { name: 'Snooze for 1 hour' }));
      fireEvent.click(screen.getByRole('button', { name: 'Snooze until tomorrow' }));

      expect(props.onSnooze).toHaveBeenNthCalledWith(1, 'hour');
      expect(props.onSnooze).toHaveBeenNthCalledWith(2, 'tomorrow');
      expect(screen.queryByRole('button', { name: 'Resume now' })).toBeNull();
    });

    it.each([
      [NOW + HOUR, 'Notifications are snoozed until 15:00.'],
      [new Date(2026, 10, 27, 8, 0).getTime(), 'Notifications are snoozed until tomorrow at 08:00.'],
    ])('shows when a snooze ends (%i) and resumes on request', (snoozedUntil, expected) => {
      const props = renderView({ snoozedUntil });

      expect(screen.getByText(expected)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Resume now' }));
      expect(props.onResume).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole('button', { name: 'Snooze for 1 hour' })).toBeNull();
    });

    it('treats a snooze that has ended as no snooze', () => {
      renderView({ snoozedUntil: NOW - 1 });

      expect(screen.getByRole('button', { name: 'Snooze for 1 hour' })).toBeTruthy();
      expect(screen.queryByText(/snoozed until/)).toBeNull();
    });
  });

  describe('watchlist editor', () => {
    it('adds an entry of the chosen kind with the Add button, trimmed, and clears the input', () => {
      const props = renderView({ watchlist: [{ kind: 'keyword', value: 'diffusion' }] }, { matchCounts: [2] });

      fireEvent.change(screen.getByLabelText('Watch for'), { target: { value: 'author' } });
      fireEvent.input(input('Name or keyword'), { target: { value: '  Yann   LeCun ' } });
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));

      expect(props.onChange).toHaveBeenCalledWith({
        watchlist: [
          { kind: 'keyword', value: 'diffusion' },
          { kind: 'author', value: 'Yann LeCun' },
        ],
      });
      expect(input('Name or keyword').value).toBe('');
    });

    it('adds an entry when Enter is pressed in the input', () => {
      const props = renderView();

      fireEvent.input(input('Name or keyword'), { target: { value: 'agents' } });
      fireEvent.keyDown(input('Name or keyword'), { key: 'Enter' });

      expect(props.onChange).toHaveBeenCalledWith({ watchlist: [{ kind: 'keyword', value: 'agents' }] });
    });

    it('adds nothing and says why when the input is empty', () => {
      const props = renderView();

      fireEvent.input(input('Name or keyword'), { target: { value: '   ' } });
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));

      expect(props.onChange).not.toHaveBeenCalled();
      expect(screen.getByRole('alert').textContent).toBe('Type a keyword to watch.');
      expect(input('Name or keyword').getAttribute('aria-invalid')).toBe('true');
    });

    it('adds nothing and says why for an entry already listed, whatever its case', () => {
      const props = renderView({ watchlist: [{ kind: 'keyword', value: 'diffusion' }] });

      fireEvent.input(input('Name or keyword'), { target: { value: 'Diffusion' } });
      fireEvent.keyDown(input('Name or keyword'), { key: 'Enter' });

      expect(props.onChange).not.toHaveBeenCalled();
      expect(screen.getByRole('alert').textContent).toBe('“Diffusion” is already on your watchlist as a keyword.');
    });

    it('allows the same text under another kind', () => {
      const props = renderView({ watchlist: [{ kind: 'keyword', value: 'Ai2' }] });

      fireEvent.change(screen.getByLabelText('Watch for'), { target: { value: 'organization' } });
      fireEvent.input(input('Name or keyword'), { target: { value: 'Ai2' } });
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));

      expect(props.onChange).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('clears the message once the user types again', () => {
      renderView();
      fireEvent.click(screen.getByRole('button', { name: 'Add' }));

      fireEvent.input(input('Name or keyword'), { target: { value: 'a' } });

      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('lists each entry with its kind, value and how many cached papers it matches', () => {
      renderView(
        {
          watchlist: [
            { kind: 'keyword', value: 'diffusion' },
            { kind: 'author', value: 'Yann LeCun' },
            { kind: 'organization', value: 'Ai2' },
            { kind: 'keyword', value: 'robots' },
          ],
        },
        { matchCounts: [2, 1, 0, undefined], counting: true },
      );

      const items = within(screen.getByRole('list', { name: 'Watchlist entries' })).getAllByRole('listitem');
      const actual = items.map((item) => item.textContent);
      expect(actual).toEqual([
        'Keyworddiffusion2 cached papers matchRemove diffusion',
        'AuthorYann LeCun1 cached paper matchesRemove Yann LeCun',
        'OrganizationAi20 cached papers matchRemove Ai2',
        'KeywordrobotsCounting…Remove robots',
      ]);
    });

    it('removes an entry with the Remove button named after it', () => {
      const props = renderView({
        watchlist: [
          { kind: 'keyword', value: 'diffusion' },
          { kind: 'author', value: 'Yann LeCun' },
        ],
      });

      fireEvent.click(screen.getByRole('button', { name: 'Remove diffusion' }));

      expect(props.onChange).toHaveBeenCalledWith({ watchlist: [{ kind: 'author', value: 'Yann LeCun' }] });
    });

    it('renders a hostile entry as text', () => {
      const hostile = '<img src=x onerror="alert(1)">';
      renderView({ watchlist: [{ kind: 'keyword', value: hostile }] });

      expect(screen.getByRole('listitem').textContent).toContain(hostile);
      expect(screen.getByRole('button', { name: `Remove ${hostile}` })).toBeTruthy();
      expect(document.querySelector('img')).toBeNull();
    });
  });

  describe('endpoint', () => {
    it('shows the mirror in use when one is set', () => {
      renderView({ endpoint: 'https://hf-mirror.com' });

      expect(input('Endpoint address').value).toBe('https://hf-mirror.com');
    });

    it('applies the address as typed, with Apply or Enter', () => {
      const props = renderView();

      fireEvent.input(input('Endpoint address'), { target: { value: 'https://hf-mirror.com' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
      fireEvent.keyDown(input('Endpoint address'), { key: 'Enter' });

      expect(props.onApplyEndpoint).toHaveBeenCalledTimes(2);
      expect(props.onApplyEndpoint).toHaveBeenCalledWith('https://hf-mirror.com');
    });

    it('shows why an endpoint was not applied', () => {
      renderView({}, { endpointMessage: 'Permission refused: Paperboy keeps using https://huggingface.co.' });

      expect(screen.getByRole('alert').textContent).toBe(
        'Permission refused: Paperboy keeps using https://huggingface.co.',
      );
      expect(input('Endpoint address').getAttribute('aria-invalid')).toBe('true');
    });

    it('goes back to the build’s endpoint with "Use huggingface.co"', () => {
      const props = renderView({ endpoint: 'https://hf-mirror.com' });

      fireEvent.click(screen.getByRole('button', { name: 'Use huggingface.co' }));

      expect(props.onResetEndpoint).toHaveBeenCalledTimes(1);
      expect(input('Endpoint address').value).toBe(DEFAULT_ENDPOINT);
    });
  });
});
