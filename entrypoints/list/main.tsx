import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { createPopupClient } from '@/lib/clients/popup-client';
import { HF_ENDPOINT } from '@/lib/config';
import { isFeedDay } from '@/lib/feed-day';
import '@/components/popup.css';

// The popup's list as a page in a tab: opened by a notification (?day=YYYY-MM-DD) or "Open in a tab".
const day = new URLSearchParams(location.search).get('day');
const root = document.getElementById('app');
if (root !== null) {
  render(
    <PopupApp
      client={createPopupClient()}
      endpoint={HF_ENDPOINT}
      layout="page"
      initialDay={isFeedDay(day) ? day : undefined}
    />,
    root,
  );
}
