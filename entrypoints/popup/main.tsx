import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { createPopupClient } from '@/lib/adapters/popup-client';
import { HF_ENDPOINT } from '@/lib/config';
import '@/components/popup.css';

const root = document.getElementById('app');
if (root !== null) render(<PopupApp client={createPopupClient()} endpoint={HF_ENDPOINT} />, root);
