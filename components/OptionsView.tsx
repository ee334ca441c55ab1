import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describeArchive, isArchiveActive, type ArchiveProgress } from '@/lib/archive';
import {
  DEFAULT_SETTINGS,
  DIGEST_TOP_MAX,
  DIGEST_TOP_MIN,
  isClockTime,
  REFRESH_MINUTES_MAX,
  REFRESH_MINUTES_MIN,
  WATCHLIST_MAX,
  type BadgeMode,
  type DigestSettings,
  type MarkReadOn,
  type SaveMode,
  type Settings,
  type WatchEntry,
  type WatchKind,
} from '@/lib/settings';
import { SyncControls, type SyncControlsProps } from './SyncControls';

export type SnoozeLength = 'hour' | 'tomorrow';

export interface OptionsViewProps {
  settings: Settings;
  /** The endpoint the extension was built with, used while `settings.endpoint` is null. */
  defaultEndpoint: string;
  now: number;
  /** How many cached papers each watchlist entry matches (same order); undefined while unknown. */
  matchCounts: (number | undefined)[];
  /** The counts are being worked out. */
  counting: boolean;
  /** The short save status ("Saved"), or ''. */
  status: string;
  /** Why the endpoint was not applied, or null. */
  endpointMessage: string | null;
  /** Saves a change at once. */
  onChange: (patch: Partial<Settings>) => void;
  onSnooze: (length: SnoozeLength) => void;
  onResume: () => void;
  /** The user asked to use this endpoint (as typed): validate, ask for the permission, save. */
  onApplyEndpoint: (typed: string) => void;
  /** Back to the endpoint the extension was built with. */
  onResetEndpoint: () => void;
  /** Where the archive download stands; undefined while unknown. */
  archive?: ArchiveProgress;
  /** Start or cancel the archive download (after the setting changed). */
  onArchive?: (action: 'start' | 'cancel') => void;
  /** Sync through the browser's sync storage (components/SyncControls.tsx); no section without it. */
  sync?: SyncControlsProps;
}

/** Refresh intervals offered, in minutes. */
export const REFRESH_CHOICES: readonly number[] = [15, 30, 60, 120, 360, 720, 1440].filter(
  (minutes) => minutes >= REFRESH_MINUTES_MIN && minutes <= REFRESH_MINUTES_MAX,
);

const KIND_LABELS: Record<WatchKind, string> = { keyword: 'Keyword', author: 'Author', organization: 'Organization' };
const KIND_NOUNS: Record<WatchKind, string> = {
  keyword: 'a keyword',
  author: 'an author',
  organization: 'an organization',
};

const BADGE_CHOICES: { value: BadgeMode; label: string }[] = [
  { value: 'unread', label: 'Unread count' },
  { value: 'watchlist', label: 'Watchlist matches only' },
  { value: 'dot', label: 'A dot' },
  { value: 'none', label: 'Nothing' },
];

const MARK_READ_CHOICES: { value: MarkReadOn; label: string }[] = [
  { value: 'open', label: 'Opening a paper marks it read' },
  { value: 'explicit', label: 'Only “Mark as read” marks it read' },
];

const SAVE_MODE_CHOICES: { value: SaveMode; label: string }[] = [
  { value: 'pdf', label: 'PDF and abstract' },
  { value: 'abstract', label: 'Abstract only (no PDFs stored)' },
];

const THRESHOLD_MAX = 100_000;

/** The options page, drawn from plain data: every setting, saved as soon as it changes. */
export function OptionsView(props: OptionsViewProps) {
  const { settings, onChange } = props;
  const defaults = DEFAULT_SETTINGS;
  return (
    <div class="options">
      <header class="options-header">
        <h1>Paperboy options</h1>
        <p class="hint">Changes are saved as you make them.</p>
        <p class="saved-status" role="status">
          {props.status}
        </p>
      </header>

      <main class="options-main">
        <Section id="refresh" title="Refresh">
          <div class="field">
            <label for="opt-refresh">Check for new papers every</label>
            <select
              id="opt-refresh"
              value={String(settings.refreshMinutes)}
              onChange={(event) => onChange({ refreshMinutes: Number(event.currentTarget.value) })}
            >
              {refreshChoices(settings.refreshMinutes).map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {describeMinutes(minutes)}
                  {minutes === defaults.refreshMinutes ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </div>
        </Section>

        <Section id="notifications" title="Notifications">
          <Checkbox
            id="opt-notifications"
            label="Show notifications"
            hint="Default: on. New papers come as one summary per refresh; watchlist matches on their own."
            checked={settings.notificationsEnabled}
            onToggle={(checked) => onChange({ notificationsEnabled: checked })}
          />

          <fieldset class="group">
            <legend>Quiet hours</legend>
            <Checkbox
              id="opt-quiet"
              label="Hold notifications during quiet hours"
              hint={`Default: off, ${defaults.quietHours.start} to ${defaults.quietHours.end}. What arrives meanwhile is summarised when they end.`}
              checked={settings.quietHours.enabled}
              onToggle={(checked) => onChange({ quietHours: { ...settings.quietHours, enabled: checked } })}
            />
            <div class="inline-fields">
              <div class="field">
                <label for="opt-quiet-start">Start</label>
                <input
                  id="opt-quiet-start"
                  type="time"
                  required
                  value={settings.quietHours.start}
                  onInput={(event) => {
                    const start = event.currentTarget.value;
                    if (isClockTime(start)) onChange({ quietHours: { ...settings.quietHours, start } });
                  }}
                />
              </div>
              <div class="field">
                <label for="opt-quiet-end">End</label>
                <input
                  id="opt-quiet-end"
                  type="time"
                  required
                  value={settings.quietHours.end}
                  onInput={(event) => {
                    const end = event.currentTarget.value;
                    if (isClockTime(end)) onChange({ quietHours: { ...settings.quietHours, end } });
                  }}
                />
              </div>
            </div>
          </fieldset>

          <Snooze
            snoozedUntil={settings.snoozedUntil}
            now={props.now}
            onSnooze={props.onSnooze}
            onResume={props.onResume}
          />

          <fieldset class="group">
            <legend>Upvote alert</legend>
            <Checkbox
              id="opt-upvote"
              label="Alert me when a recent paper passes an upvote threshold"
              hint={`Default: off, at ${defaults.upvoteAlert.threshold} upvotes.`}
              checked={settings.upvoteAlert.enabled}
              onToggle={(checked) => onChange({ upvoteAlert: { ...settings.upvoteAlert, enabled: checked } })}
            />
            <Threshold
              value={settings.upvoteAlert.threshold}
              onCommit={(threshold) => onChange({ upvoteAlert: { ...settings.upvoteAlert, threshold } })}
            />
          </fieldset>
        </Section>

        <Section id="digest" title="Digest">
          <DigestControls digest={settings.digest} onChange={(digest) => onChange({ digest })} />
        </Section>

        <Section id="watchlist" title="Watchlist">
          <p class="hint">
            Papers matching an entry are starred in the list and notified on their own. Keywords are looked for in
            titles, abstracts and AI keywords; authors and organizations in names.
          </p>
          <WatchlistEditor
            watchlist={settings.watchlist}
            matchCounts={props.matchCounts}
            counting={props.counting}
            onChange={(watchlist) => onChange({ watchlist })}
          />
          <Checkbox
            id="opt-watchlist-first"
            label="Show watchlist matches first"
            hint="Default: off (the list is sorted by upvotes)."
            checked={settings.watchlistFirst}
            onToggle={(checked) => onChange({ watchlistFirst: checked })}
          />
        </Section>

        <Section id="badge" title="Badge">
          <RadioGroup
            name="badge-mode"
            legend="The toolbar badge shows"
            choices={BADGE_CHOICES}
            value={settings.badgeMode}
            defaultValue={defaults.badgeMode}
            onSelect={(badgeMode) => onChange({ badgeMode })}
          />
        </Section>

        <Section id="reading" title="Reading">
          <RadioGroup
            name="mark-read-on"
            legend="What marks a paper read"
            choices={MARK_READ_CHOICES}
            value={settings.markReadOn}
            defaultValue={defaults.markReadOn}
            onSelect={(markReadOn) => onChange({ markReadOn })}
          />
        </Section>

        <Section id="saving" title="Saving">
          <RadioGroup
            name="save-mode"
            legend="“Save for offline” keeps"
            choices={SAVE_MODE_CHOICES}
            value={settings.saveMode}
            defaultValue={defaults.saveMode}
            onSelect={(saveMode) => onChange({ saveMode })}
          />
          <p class="hint">
            Saved papers and their PDFs stay on this device, never evicted by the browser; the library shows the space
            they use.
          </p>
        </Section>

        <Section id="endpoint" title="Hugging Face endpoint">
          <EndpointEditor
            current={settings.endpoint ?? props.defaultEndpoint}
            defaultEndpoint={props.defaultEndpoint}
            message={props.endpointMessage}
            onApply={props.onApplyEndpoint}
            onReset={props.onResetEndpoint}
          />
        </Section>

        {props.sync !== undefined && (
          <Section id="sync" title="Sync across browsers">
            <SyncControls {...props.sync} />
          </Section>
        )}

        <Section id="archive" title="Archive">
          <ArchiveControls
            enabled={settings.archive.enabled}
            progress={props.archive}
            now={props.now}
            onToggle={(enabled) => {
              onChange({ archive: { enabled } });
              props.onArchive?.(enabled ? 'start' : 'cancel');
            }}
          />
        </Section>
      </main>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  const headingId = `opt-${id}-heading`;
  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

function Checkbox(props: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onToggle: (checked: boolean) => void;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <div class="check-field">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={hintId}
        onChange={(event) => props.onToggle(event.currentTarget.checked)}
      />
      <div>
        <label for={props.id}>{props.label}</label>
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      </div>
    </div>
  );
}

function RadioGroup<T extends string>(props: {
  name: string;
  legend: string;
  choices: { value: T; label: string }[];
  value: T;
  defaultValue: T;
  onSelect: (value: T) => void;
}) {
  return (
    <fieldset class="group">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => {
        const id = `opt-${props.name}-${choice.value}`;
        return (
          <div class="check-field" key={choice.value}>
            <input
              id={id}
              type="radio"
              name={props.name}
              value={choice.value}
              checked={props.value === choice.value}
              onChange={() => props.onSelect(choice.value)}
            />
            <label for={id}>
              {choice.label}
              {choice.value === props.defaultValue && <span class="default-tag"> (default)</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The threshold as typed: saved whenever it is a whole number in range, put back on blur otherwise. */
function Threshold({ value, onCommit }: { value: number; onCommit: (threshold: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  // A layout effect: it runs in the same commit, so it never overwrites what the user typed since.
  useLayoutEffect(() => setDraft(String(value)), [value]);
  const parsed = Number(draft);
  const isValid = draft.trim() !== '' && Number.isInteger(parsed) && parsed >= 1 && parsed <= THRESHOLD_MAX;
  return (
    <div class="field">
      <label for="opt-upvote-threshold">Upvote threshold</label>
      <input
        id="opt-upvote-threshold"
        type="number"
        inputMode="numeric"
        min={1}
        max={THRESHOLD_MAX}
        step={1}
        value={draft}
        aria-invalid={!isValid}
        aria-describedby="opt-upvote-threshold-hint"
        onInput={(event) => {
          const typed = event.currentTarget.value;
          setDraft(typed);
          const number = Number(typed);
          if (typed.trim() !== '' && Number.isInteger(number) && number >= 1 && number <= THRESHOLD_MAX) {
            onCommit(number);
          }
        }}
        onBlur={() => setDraft(String(value))}
      />
      <p class="hint" id="opt-upvote-threshold-hint">
        {isValid
          ? `Default: ${DEFAULT_SETTINGS.upvoteAlert.threshold}.`
          : `Enter a whole number from 1 to ${THRESHOLD_MAX.toLocaleString('en-US')}; ${value} is kept.`}
      </p>
    </div>
  );
}

function Snooze(props: {
  snoozedUntil: number | null;
  now: number;
  onSnooze: (length: SnoozeLength) => void;
  onResume: () => void;
}) {
  const { snoozedUntil, now } = props;
  const isSnoozed = snoozedUntil !== null && snoozedUntil > now;
  return (
    <fieldset class="group">
      <legend>Snooze</legend>
      {isSnoozed ? (
        <>
          <p class="snooze-state">Notifications are snoozed until {describeTime(snoozedUntil, now)}.</p>
          <div class="button-row">
            <button type="button" class="button" onClick={props.onResume}>
              Resume now
            </button>
          </div>
        </>
      ) : (
        <>
          <p class="hint">Default: not snoozed. A snooze holds notifications; they are summarised when it ends.</p>
          <div class="button-row">
            <button type="button" class="button" onClick={() => props.onSnooze('hour')}>
              Snooze for 1 hour
            </button>
            <button type="button" class="button" onClick={() => props.onSnooze('tomorrow')}>
              Snooze until tomorrow
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}

function WatchlistEditor(props: {
  watchlist: WatchEntry[];
  matchCounts: (number | undefined)[];
  counting: boolean;
  onChange: (watchlist: WatchEntry[]) => void;
}) {
  const { watchlist } = props;
  const [kind, setKind] = useState<WatchKind>('keyword');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** After a removal, the index whose Remove button takes the focus (the removed one is gone). */
  const [focusAfterRemove, setFocusAfterRemove] = useState<number | null>(null);

  useLayoutEffect(() => {
    if (focusAfterRemove === null) return;
    const buttons = listRef.current?.querySelectorAll('button') ?? [];
    const next = buttons[Math.min(focusAfterRemove, buttons.length - 1)];
    (next ?? inputRef.current)?.focus();
    setFocusAfterRemove(null);
  }, [focusAfterRemove, watchlist]);

  const add = (): void => {
    const value = text.replace(/\s+/g, ' ').trim();
    const problem = checkNewEntry(watchlist, kind, value);
    setError(problem);
    if (problem !== null) {
      inputRef.current?.focus();
      return;
    }
    props.onChange([...watchlist, { kind, value }]);
    setText('');
  };

  return (
    <div class="watchlist">
      <div class="watch-add" role="group" aria-label="Add to the watchlist">
        <div class="field">
          <label for="opt-watch-kind">Watch for</label>
          <select
            id="opt-watch-kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as WatchKind)}
          >
            {(Object.keys(KIND_LABELS) as WatchKind[]).map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-grow">
          <label for="opt-watch-value">Name or keyword</label>
          <input
            id="opt-watch-value"
            ref={inputRef}
            type="text"
            autocomplete="off"
            spellcheck={false}
            maxLength={200}
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error === null ? undefined : 'opt-watch-error'}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              add();
            }}
          />
        </div>
        <button type="button" class="button" onClick={add}>
          Add
        </button>
      </div>
      {error !== null && (
        <p class="field-error" id="opt-watch-error" role="alert">
          {error}
        </p>
      )}

      {watchlist.length === 0 ? (
        <p class="hint watch-empty">Your watchlist is empty.</p>
      ) : (
        <ul class="watch-list" aria-label="Watchlist entries" ref={listRef}>
          {watchlist.map((entry, index) => (
            <li class="watch-entry" key={`${entry.kind}:${entry.value}`}>
              <span class="watch-kind">{KIND_LABELS[entry.kind]}</span>
              <span class="watch-value">{entry.value}</span>
              <span class="watch-count">{describeCount(props.matchCounts[index], props.counting)}</span>
              <button
                type="button"
                class="button"
                onClick={() => {
                  props.onChange(watchlist.filter((_, at) => at !== index));
                  setFocusAfterRemove(index);
                }}
              >
                Remove<span class="visually-hidden"> {entry.value}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EndpointEditor(props: {
  current: string;
  defaultEndpoint: string;
  message: string | null;
  onApply: (typed: string) => void;
  onReset: () => void;
}) {
  const [draft, setDraft] = useState(props.current);
  // Follows a change saved here or elsewhere; a layout effect, so it never overwrites what the
  // user typed after the commit.
  useLayoutEffect(() => setDraft(props.current), [props.current]);
  const defaultHost = hostOf(props.defaultEndpoint);
  return (
    <>
      <div class="endpoint-row">
        <div class="field field-grow">
          <label for="opt-endpoint">Endpoint address</label>
          <input
            id="opt-endpoint"
            type="url"
            inputMode="url"
            autocomplete="url"
            spellcheck={false}
            value={draft}
            aria-invalid={props.message !== null}
            aria-describedby={props.message === null ? 'opt-endpoint-hint' : 'opt-endpoint-error opt-endpoint-hint'}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              props.onApply(event.currentTarget.value);
            }}
          />
        </div>
        <button type="button" class="button" onClick={() => props.onApply(draft)}>
          Apply
        </button>
        <button
          type="button"
          class="button"
          onClick={() => {
            setDraft(props.defaultEndpoint);
            props.onReset();
          }}
        >
          Use {defaultHost}
        </button>
      </div>
      {props.message !== null && (
        <p class="field-error" id="opt-endpoint-error" role="alert">
          {props.message}
        </p>
      )}
      <p class="hint" id="opt-endpoint-hint">
        Default: {props.defaultEndpoint}. A mirror needs permission to be reached: Paperboy asks for it when you apply.
      </p>
    </>
  );
}

/** Why a new entry cannot be added, or null when it can. */
function checkNewEntry(watchlist: WatchEntry[], kind: WatchKind, value: string): string | null {
  if (value === '') return `Type ${KIND_NOUNS[kind]} to watch.`;
  const key = value.toLowerCase();
  if (watchlist.some((entry) => entry.kind === kind && entry.value.toLowerCase() === key)) {
    return `“${value}” is already on your watchlist as ${KIND_NOUNS[kind]}.`;
  }
  if (watchlist.length >= WATCHLIST_MAX) return `The watchlist is full (${WATCHLIST_MAX} entries): remove one first.`;
  return null;
}

function describeCount(count: number | undefined, counting: boolean): string {
  if (count === undefined) return counting ? 'Counting…' : '';
  return count === 1 ? '1 cached paper matches' : `${count} cached papers match`;
}

/** The offered intervals, plus the saved one if it is none of them (set elsewhere). */
function refreshChoices(current: number): number[] {
  return REFRESH_CHOICES.includes(current) ? [...REFRESH_CHOICES] : [...REFRESH_CHOICES, current].sort((a, b) => a - b);
}

function describeMinutes(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** "15:00" today, "tomorrow at 08:00", or the date further out; local time. */
function describeTime(at: number, now: number): string {
  const date = new Date(at);
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const dayStart = (time: number): number => new Date(time).setHours(0, 0, 0, 0);
  const days = Math.round((dayStart(at) - dayStart(now)) / 86_400_000);
  if (days === 0) return clock;
  if (days === 1) return `tomorrow at ${clock}`;
  return `${date.toLocaleDateString(undefined, { weekday: 'long', month: 'short', day: 'numeric' })} at ${clock}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function hostOf(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return endpoint;
  }
}

/** The archive switch, its progress bar and Cancel. */
function ArchiveControls(props: {
  enabled: boolean;
  progress: ArchiveProgress | undefined;
  now: number;
  onToggle: (enabled: boolean) => void;
}) {
  const { progress } = props;
  const isActive = progress !== undefined && isArchiveActive(progress);
  const hasProblem = progress !== undefined && progress.failure !== null && progress.state !== 'running';
  return (
    <>
      <Checkbox
        id="opt-archive"
        label="Download the whole archive (about 20,000 papers)"
        hint="Default: off. Every paper since May 2023, fetched month by month in the background at a polite pace; they count as read and never notify. Search then covers them all, offline."
        checked={props.enabled}
        onToggle={props.onToggle}
      />
      {progress !== undefined && progress.state !== 'idle' && (
        <div class="archive-progress">
          <label for="opt-archive-progress">Months downloaded</label>
          <progress id="opt-archive-progress" max={Math.max(1, progress.monthsTotal)} value={progress.monthsDone}>
            {progress.monthsDone} of {progress.monthsTotal}
          </progress>
          <p class={hasProblem ? 'field-error' : 'hint'} role="status">
            {describeArchive(progress, props.now)}
          </p>
          {isActive && (
            <div class="button-row">
              <button type="button" class="button" onClick={() => props.onToggle(false)}>
                Cancel download
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The digest: daily and weekly at a local time, how many papers, and "digest only". */
function DigestControls({ digest, onChange }: { digest: DigestSettings; onChange: (digest: DigestSettings) => void }) {
  const defaults = DEFAULT_SETTINGS.digest;
  const clockField = (id: string, label: string, value: string, set: (time: string) => void) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="time"
        required
        value={value}
        onInput={(event) => {
          const time = event.currentTarget.value;
          if (isClockTime(time)) set(time);
        }}
      />
    </div>
  );
  return (
    <>
      <p class="hint">
        One calm notification with the most upvoted papers, instead of (or besides) one per refresh. Quiet hours and
        snooze hold it until they end. Clicking it opens the digest page.
      </p>
      <fieldset class="group">
        <legend>Daily digest</legend>
        <Checkbox
          id="opt-digest-daily"
          label="Send a daily digest"
          hint={`Default: off, at ${defaults.daily.time} (local time). The top papers of the day.`}
          checked={digest.daily.enabled}
          onToggle={(enabled) => onChange({ ...digest, daily: { ...digest.daily, enabled } })}
        />
        {clockField('opt-digest-daily-time', 'Time', digest.daily.time, (time) =>
          onChange({ ...digest, daily: { ...digest.daily, time } }),
        )}
      </fieldset>
      <fieldset class="group">
        <legend>Weekly digest</legend>
        <Checkbox
          id="opt-digest-weekly"
          label="Send a weekly digest"
          hint={`Default: off, ${WEEKDAYS[defaults.weekly.weekday]} at ${defaults.weekly.time}. The top papers of the last full week (Monday to Sunday).`}
          checked={digest.weekly.enabled}
          onToggle={(enabled) => onChange({ ...digest, weekly: { ...digest.weekly, enabled } })}
        />
        <div class="inline-fields">
          <div class="field">
            <label for="opt-digest-weekday">Day</label>
            <select
              id="opt-digest-weekday"
              value={String(digest.weekly.weekday)}
              onChange={(event) =>
                onChange({ ...digest, weekly: { ...digest.weekly, weekday: Number(event.currentTarget.value) } })
              }
            >
              {WEEKDAYS.map((name, weekday) => (
                <option key={name} value={String(weekday)}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          {clockField('opt-digest-weekly-time', 'Time', digest.weekly.time, (time) =>
            onChange({ ...digest, weekly: { ...digest.weekly, time } }),
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="opt-digest-top">Papers in a digest</label>
        <select
          id="opt-digest-top"
          value={String(digest.topCount)}
          onChange={(event) => onChange({ ...digest, topCount: Number(event.currentTarget.value) })}
        >
          {Array.from({ length: DIGEST_TOP_MAX - DIGEST_TOP_MIN + 1 }, (_, index) => DIGEST_TOP_MIN + index).map(
            (count) => (
              <option key={count} value={String(count)}>
                {count}
                {count === defaults.topCount ? ' (default)' : ''}
              </option>
            ),
          )}
        </select>
      </div>
      <Checkbox
        id="opt-digest-only"
        label="Digest only"
        hint="Default: off. No notification per refresh (watchlist matches included); new papers still appear in the list, unread."
        checked={digest.only}
        onToggle={(only) => onChange({ ...digest, only })}
      />
    </>
  );
}
