import { render } from 'preact';
import { DigestApp } from '@/components/DigestApp';
import { createPopupClient } from '@/lib/clients/popup-client';
import { HF_ENDPOINT } from '@/lib/config';
import { feedDayAt } from '@/lib/feed-day';
import { parsePeriod } from '@/lib/digest';
import '@/components/popup.css';
import '@/components/digest.css';

// The digest page in a tab: digest.html?period=day:2026-11-25 or ?period=week:2026-W48 (from a
// digest notification). Without a valid period it shows today's.
const period = parsePeriod(new URLSearchParams(location.search).get('period')) ?? {
  kind: 'day' as const,
  day: feedDayAt(Date.now()),
};
const root = document.getElementById('app');
if (root !== null) render(<DigestApp client={createPopupClient()} period={period} endpoint={HF_ENDPOINT} />, root);
