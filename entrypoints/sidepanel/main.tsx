import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { createPopupClient } from '@/lib/clients/popup-client';
import { HF_ENDPOINT } from '@/lib/config';
import '@/components/popup.css';

// The popup's list in Chrome's side panel or Firefox's sidebar: it stays open beside the page
// and redraws on the worker's change broadcasts, like the popup.
const root = document.getElementById('app');
if (root !== null) render(<PopupApp client={createPopupClient()} endpoint={HF_ENDPOINT} layout="sidepanel" />, root);
