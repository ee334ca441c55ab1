import { render } from 'preact';
import { FIRST_LIST_MARK, PopupApp } from '@/components/PopupApp';
import { paintFirstScreen, readFirstScreen, saveFirstScreen } from '@/lib/platform/first-screen';
import { createPopupClient } from '@/lib/clients/popup-client';
import { HF_ENDPOINT } from '@/lib/config';
import '@/components/popup.css';

/** Marked when the list read from the cache replaces the snapshot (`npm run bench`; never sent anywhere). */
const LIVE_LIST_MARK = 'paperboy:live-list';

const root = document.getElementById('app');
if (root !== null) {
  // The top of the last list drawn, on screen at once while the app reads the cache
  // (lib/platform/first-screen.ts); its first render removes it.
  const snapshot = paintFirstScreen(root, readFirstScreen());
  if (snapshot !== null) performance.mark(FIRST_LIST_MARK);
  let live = false;
  render(
    <PopupApp
      client={createPopupClient()}
      endpoint={HF_ENDPOINT}
      onListShown={(list) => {
        if (!live) {
          live = true;
          snapshot?.remove();
          performance.mark(LIVE_LIST_MARK);
        }
        if (list !== null) saveFirstScreen(list.map((item) => ({ ...item.paper, unread: item.unread })));
      }}
    />,
    root,
  );
}
